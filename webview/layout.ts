// The page skeleton: header (file, point picker, status), the live point's sliders, and the three figure sections.
import { el } from './dom';

/** Handles to the parts of the page the app fills in. */
export interface Layout {
  fileName: HTMLElement;
  pointPicker: HTMLSelectElement;
  reset: HTMLButtonElement;
  status: HTMLElement;
  diagnostics: HTMLElement;
  sliders: HTMLElement;
  fieldControls: HTMLElement;
  subplots: HTMLElement;
  fieldExport: { png: HTMLButtonElement; svg: HTMLButtonElement; csv: HTMLButtonElement };
  rankControls: HTMLElement;
  rankMap: HTMLElement;
  rankExport: { png: HTMLButtonElement; svg: HTMLButtonElement };
  details: HTMLElement;
}

const button = (text: string, label: string): HTMLButtonElement =>
  el('button', { type: 'button', 'aria-label': label }, text);

/** Builds the page inside `app` and returns its parts. */
export function buildLayout(app: HTMLElement): Layout {
  const l: Layout = {
    fileName: el('h1', { class: 'file' }),
    pointPicker: el('select', { id: 'op-point' }),
    reset: button('Reset point', 'Reset the live point to its at line values'),
    status: el('span', { class: 'status', role: 'status' }),
    diagnostics: el('ul', { class: 'diagnostics' }),
    sliders: el('div', { class: 'sliders' }),
    fieldControls: el('div', { class: 'controls', role: 'group', 'aria-label': 'Field settings' }),
    subplots: el('div', { class: 'subplots' }),
    fieldExport: {
      png: button('PNG', 'Export the field as PNG'),
      svg: button('SVG', 'Export the field as SVG'),
      csv: button('CSV', 'Export the field data as CSV'),
    },
    rankControls: el('div', { class: 'controls', role: 'group', 'aria-label': 'Rank map settings' }),
    rankMap: el('div', { class: 'rankmap-root' }),
    rankExport: { png: button('PNG', 'Export the rank map as PNG'), svg: button('SVG', 'Export the rank map as SVG') },
    details: el('div', { class: 'details' }),
  };
  const section = (id: string, title: string, ...body: HTMLElement[]): HTMLElement =>
    el('section', { id, 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h` }, title), ...body);
  const exportBar = (...b: HTMLButtonElement[]): HTMLElement =>
    el('div', { class: 'export', role: 'group', 'aria-label': 'Export' }, el('span', {}, 'Export'), ...b);
  app.replaceChildren(
    el('header', {}, l.fileName, el('label', { for: 'op-point' }, 'Live point'), l.pointPicker, l.reset, l.status),
    l.diagnostics,
    el(
      'div',
      { class: 'layout' },
      el('aside', { class: 'live', 'aria-label': 'Live point parameters' }, el('h2', {}, 'Parameters'), l.sliders),
      el(
        'div',
        { class: 'figures' },
        section(
          'op-field',
          'Gradient field: arrows from g along M g = J Jᵀ g',
          l.fieldControls,
          l.subplots,
          exportBar(l.fieldExport.png, l.fieldExport.svg, l.fieldExport.csv),
        ),
        section(
          'op-rank',
          'Rank map: σmin / σmax of J over a parameter slice',
          l.rankControls,
          l.rankMap,
          exportBar(l.rankExport.png, l.rankExport.svg),
        ),
        section('op-details', 'The live point', l.details),
      ),
    ),
  );
  return l;
}

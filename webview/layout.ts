// The page skeleton: header (file, point picker, status), the live point's sliders, and one section per view of
// the table (webview/views.ts): its heading, controls group, body and export buttons.
import { el } from './dom';
import type { AnyViewDefinition, ExportSpec, ViewSection } from './view';

/** A view's section as built: its body, controls and export buttons. */
export interface BuiltSection extends ViewSection {
  exports: { spec: ExportSpec; button: HTMLButtonElement }[];
}

/** Handles to the parts of the page the app fills in. */
export interface Layout {
  fileName: HTMLElement;
  pointPicker: HTMLSelectElement;
  reset: HTMLButtonElement;
  status: HTMLElement;
  diagnostics: HTMLElement;
  sliders: HTMLElement;
  /** The views' sections by view id, in page order. */
  sections: Map<string, BuiltSection>;
}

const button = (text: string, label: string): HTMLButtonElement =>
  el('button', { type: 'button', 'aria-label': label }, text);

/** A view's name in the row of view buttons: its `nav`, else its title up to the colon. */
const navLabel = (v: AnyViewDefinition): string => v.nav ?? v.title.split(':')[0];

/** Builds the page inside `app`, one section per view, and returns its parts. */
export function buildLayout(app: HTMLElement, views: readonly AnyViewDefinition[]): Layout {
  const l: Layout = {
    fileName: el('h1', { class: 'file' }),
    pointPicker: el('select', { id: 'op-point' }),
    reset: button('Reset point', 'Reset the live point to its at line values'),
    status: el('span', { class: 'status', role: 'status' }),
    diagnostics: el('ul', { class: 'diagnostics' }),
    sliders: el('div', { class: 'sliders' }),
    sections: new Map(),
  };
  const sections = views.map((v) => {
    const built: BuiltSection = {
      body: el('div', { class: v.bodyClass }),
      controls: v.controls ? el('div', { class: 'controls', role: 'group', 'aria-label': v.controls }) : null,
      exports: v.exports.map((spec) => ({ spec, button: button(spec.format.toUpperCase(), spec.label) })),
    };
    l.sections.set(v.id, built);
    const id = `op-${v.id}`;
    const body: HTMLElement[] = [built.body];
    if (built.controls) body.unshift(built.controls);
    if (built.exports.length > 0)
      body.push(
        el(
          'div',
          { class: 'export', role: 'group', 'aria-label': 'Export' },
          el('span', {}, 'Export'),
          ...built.exports.map((e) => e.button),
        ),
      );
    return el('section', { id, 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h` }, v.title), ...body);
  });
  // With a view per lab the page is long: a row of buttons, one per view, scrolls to its section.
  const nav = el(
    'nav',
    { class: 'views-nav', 'aria-label': 'Views' },
    ...views.map((v) => {
      const b = button(navLabel(v), `Go to the ${navLabel(v)} view`);
      b.dataset.view = v.id;
      b.addEventListener('click', () => document.getElementById(`op-${v.id}`)?.scrollIntoView({ block: 'start' }));
      return b;
    }),
  );
  app.replaceChildren(
    el('header', {}, l.fileName, el('label', { for: 'op-point' }, 'Live point'), l.pointPicker, l.reset, l.status, nav),
    l.diagnostics,
    el(
      'div',
      { class: 'layout' },
      el('aside', { class: 'live', 'aria-label': 'Live point parameters' }, el('h2', {}, 'Parameters'), l.sliders),
      el('div', { class: 'figures' }, ...sections),
    ),
  );
  return l;
}

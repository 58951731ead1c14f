// Controls for what the figures show: the field's grid, range, scale and canonical coordinates; the rank map's
// axes, ranges and resolution, and whether the rank-deficient locus is drawn. Each change produces a whole
// ViewSettings for the host.
import type { MapAxis, ModelInfo, ViewSettings } from '../src/protocol/panel';
import { el, uid } from './dom';

function labelledAs(text: string, input: HTMLElement, n: number): HTMLElement {
  const id = uid('ctl', n);
  input.id = id;
  return el('span', { class: 'ctl' }, el('label', { for: id }, text), input);
}

/** Rank-map cells per axis on offer: odd, so a range symmetric about 0 has a cell centred on 0. */
const STEPS = [33, 65, 129, 255];

const num = (step: string, min?: number, max?: number): HTMLInputElement =>
  el('input', { type: 'number', step, min, max, class: 'num' });

function options(select: HTMLSelectElement, names: readonly string[]): void {
  select.replaceChildren(...names.map((n, i) => el('option', { value: i }, n)));
}

/** The field's and rank map's controls. */
export class ViewControls {
  private view: ViewSettings | null = null;
  private readonly size = num('1', 2, 64);
  private readonly min = num('any');
  private readonly max = num('any');
  private readonly common = el('input', { type: 'checkbox' });
  private readonly cx = el('select');
  private readonly cy = el('select');
  private readonly coords: HTMLElement;
  private readonly px = el('select');
  private readonly py = el('select');
  private readonly xFrom = num('any');
  private readonly xTo = num('any');
  private readonly yFrom = num('any');
  private readonly yTo = num('any');
  private readonly steps = el('select');
  private readonly locus = el('input', { type: 'checkbox' });

  constructor(
    fieldRoot: HTMLElement,
    rankRoot: HTMLElement,
    private readonly onView: (v: ViewSettings) => void,
    onCommonScale: (on: boolean) => void,
  ) {
    let n = 0;
    const labelled = (text: string, input: HTMLElement): HTMLElement => labelledAs(text, input, ++n);
    this.coords = el('span', { class: 'coords' }, labelled('horizontal', this.cx), labelled('vertical', this.cy));
    fieldRoot.append(
      labelled('arrows per side', this.size),
      labelled('g from', this.min),
      labelled('g to', this.max),
      labelled('one scale for all subplots', this.common),
      this.coords,
    );
    options(this.steps, STEPS.map(String));
    rankRoot.append(
      labelled('x axis', this.px),
      labelled('x from', this.xFrom),
      labelled('x to', this.xTo),
      labelled('y axis', this.py),
      labelled('y from', this.yFrom),
      labelled('y to', this.yTo),
      labelled('cells per axis', this.steps),
      labelled('locus where J loses rank', this.locus),
    );
    for (const input of [
      this.size,
      this.min,
      this.max,
      this.cx,
      this.cy,
      this.px,
      this.py,
      this.xFrom,
      this.xTo,
      this.yFrom,
      this.yTo,
      this.steps,
      this.locus,
    ]) {
      input.addEventListener('change', () => this.emit());
    }
    this.common.addEventListener('change', () => onCommonScale(this.common.checked));
  }

  /** New model: coordinate pickers (shown when q > 2) and parameter pickers. */
  setModel(model: ModelInfo | null): void {
    options(this.cx, model?.outputs ?? []);
    options(this.cy, model?.outputs ?? []);
    options(this.px, model?.params ?? []);
    options(this.py, model?.params ?? []);
    this.coords.hidden = !model || model.q <= 2;
  }

  /** Shows the view the host used. */
  setView(view: ViewSettings, commonScale: boolean): void {
    this.view = view;
    this.size.value = String(view.grid.size);
    this.min.value = String(view.grid.min);
    this.max.value = String(view.grid.max);
    this.cx.value = String(view.grid.coords[0]);
    this.cy.value = String(view.grid.coords[1]);
    this.common.checked = commonScale;
    this.px.value = String(view.rankX.param);
    this.py.value = String(view.rankY.param);
    this.xFrom.value = String(view.rankX.from);
    this.xTo.value = String(view.rankX.to);
    this.yFrom.value = String(view.rankY.from);
    this.yTo.value = String(view.rankY.to);
    this.steps.value = String(STEPS.indexOf(view.rankX.steps));
    this.locus.checked = view.locus !== false;
  }

  private emit(): void {
    const v = this.view;
    if (!v) return;
    const n = (i: HTMLInputElement, fallback: number): number =>
      Number.isFinite(i.valueAsNumber) ? i.valueAsNumber : fallback;
    const steps = STEPS[Number(this.steps.value)] ?? v.rankX.steps;
    const axis = (param: HTMLSelectElement, from: HTMLInputElement, to: HTMLInputElement, old: MapAxis): MapAxis => {
      const a = n(from, old.from);
      const b = n(to, old.to);
      return { param: Number(param.value), from: Math.min(a, b), to: a === b ? a + 1 : Math.max(a, b), steps };
    };
    const lo = n(this.min, v.grid.min);
    const hi = n(this.max, v.grid.max);
    this.onView({
      grid: {
        size: Math.max(2, Math.min(64, Math.round(n(this.size, v.grid.size)))),
        min: Math.min(lo, hi),
        max: lo === hi ? lo + 1 : Math.max(lo, hi),
        coords: [Number(this.cx.value), Number(this.cy.value)],
      },
      rankX: axis(this.px, this.xFrom, this.xTo, v.rankX),
      rankY: axis(this.py, this.yFrom, this.yTo, v.rankY),
      ...(this.locus.checked ? {} : { locus: false }),
    });
  }
}

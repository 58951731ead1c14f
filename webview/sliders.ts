// Sliders for the live point's parameters: one per scalar and per entry of a small vector or matrix; a compact
// editor (entry picker + one slider) for larger ones. Every input sends the whole point.
import type { ModelInfo, Declaration } from '../src/protocol/panel';
import { asciiNum } from '../src/format';
import { el, uid } from './dom';

/** Groups with at most this many entries get a slider per entry. */
const SMALL_GROUP = 16;

/** The slider range for a parameter written as v0: symmetric, at least [-2, 2], twice |v0| beyond it. */
export function sliderRange(v0: number): [number, number] {
  const r = Math.max(2, Math.ceil(2 * Math.abs(v0)));
  return [-r, r];
}

interface Entry {
  column: number;
  range: HTMLInputElement;
  number: HTMLInputElement;
}

/** The slider panel; `onInput` fires on every change with the full parameter vector. */
export class Sliders {
  private values = new Float64Array(0);
  private entries: Entry[] = [];
  private compact: { group: Declaration; select: HTMLSelectElement; entry: Entry }[] = [];
  private counter = 0;
  /** True while a pointer holds a slider (frames then do not move the sliders under the hand). */
  dragging = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly onInput: (values: Float64Array) => void,
  ) {
    root.addEventListener('pointerdown', () => {
      this.dragging = true;
    });
    window.addEventListener('pointerup', () => {
      this.dragging = false;
    });
  }

  /** Builds the controls for `model` at point `pointIndex` with live `values`. */
  setModel(model: ModelInfo, pointIndex: number, values: ArrayLike<number>): void {
    this.values = Float64Array.from(values);
    this.entries = [];
    this.compact = [];
    const written = model.points[pointIndex]?.values ?? values;
    const sets = model.shape.params.map((g) => {
      const shape = g.shape.length === 0 ? 'scalar' : g.shape.join(' × ');
      const legend = el('legend', {}, `${g.name} `, el('span', { class: 'shape' }, `(${shape})`));
      if (g.entries.length <= SMALL_GROUP) {
        const rows = g.entries.map((c) => this.row(model.params[c], c, written[c]));
        const cls = g.shape.length === 2 ? 'entries matrix-entries' : 'entries';
        const box = el('div', { class: cls }, ...rows);
        if (g.shape.length === 2) box.style.setProperty('--cols', String(Math.min(g.shape[1], 4)));
        return el('fieldset', {}, legend, box);
      }
      const selectId = uid('pick', ++this.counter);
      const select = el(
        'select',
        { id: selectId },
        ...g.entries.map((c, i) => el('option', { value: i }, model.params[c])),
      );
      const first = g.entries[0];
      const row = this.row(model.params[first], first, written[first]);
      const entry = this.entries[this.entries.length - 1];
      const item = { group: g, select, entry };
      select.addEventListener('change', () => this.retarget(item, model, written));
      this.compact.push(item);
      return el('fieldset', { class: 'compact' }, legend, el('label', { for: selectId }, 'entry '), select, row);
    });
    this.root.replaceChildren(...sets);
  }

  /** Shows `values` (ignored while a slider is held, so the thumb stays under the pointer). */
  setValues(values: ArrayLike<number>): void {
    if (this.dragging || values.length !== this.values.length) return;
    this.values = Float64Array.from(values);
    for (const e of this.entries) this.show(e);
  }

  private row(name: string, column: number, v0: number): HTMLElement {
    const id = uid('slider', ++this.counter);
    const [lo, hi] = sliderRange(v0);
    const range = el('input', { type: 'range', id, min: lo, max: hi, step: (hi - lo) / 400, 'aria-label': name });
    const number = el('input', { type: 'number', step: 'any', class: 'num', 'aria-label': `${name} value` });
    const entry: Entry = { column, range, number };
    this.entries.push(entry);
    this.show(entry);
    range.addEventListener('input', () => this.set(entry, Number(range.value)));
    number.addEventListener('change', () => {
      if (Number.isFinite(number.valueAsNumber)) this.set(entry, number.valueAsNumber);
    });
    return el('div', { class: 'slider-row' }, el('label', { for: id }, name), range, number);
  }

  private retarget(
    item: { group: Declaration; select: HTMLSelectElement; entry: Entry },
    model: ModelInfo,
    written: ArrayLike<number>,
  ): void {
    const c = item.group.entries[Number(item.select.value)];
    const [lo, hi] = sliderRange(written[c]);
    item.entry.column = c;
    Object.assign(item.entry.range, { min: String(lo), max: String(hi), step: String((hi - lo) / 400) });
    item.entry.range.setAttribute('aria-label', model.params[c]);
    item.entry.number.setAttribute('aria-label', `${model.params[c]} value`);
    const label = item.entry.range.parentElement?.querySelector('label');
    if (label) label.textContent = model.params[c];
    this.show(item.entry);
  }

  private set(e: Entry, v: number): void {
    this.values[e.column] = v;
    this.show(e);
    this.onInput(Float64Array.from(this.values));
  }

  private show(e: Entry): void {
    const v = this.values[e.column];
    e.range.value = String(v);
    if (document.activeElement !== e.number) e.number.value = asciiNum(v);
  }
}

// The rank-deficient sets of the whole box (the `deficient` search, as the editor's diagnostic lists them) under the
// live point's details: each with its equations, the reason in the blog's words, its rank and dimension, and a button
// that moves the live point onto its representative.
import type { ModelInfo, SetsMessage } from '../src/protocol/panel';
import { asciiNum } from '../src/format';
import { el, setChildren } from './dom';

/** Most sets listed (the search reports the largest first). */
const MAX_SETS = 12;

/** The list; `setModel` on a new document (the list waits for its sets), `setSets` when they arrive. */
export class SetsList {
  readonly root: HTMLElement;
  private readonly body = el('div', { class: 'sets-body' });
  private model: ModelInfo | null = null;

  constructor(private readonly onMove: (values: Float64Array) => void) {
    this.root = el('div', { class: 'sets' }, el('h3', {}, 'Where J loses rank (search of the box [-2, 2])'), this.body);
  }

  /** A new document: the old list no longer applies. */
  setModel(model: ModelInfo | null): void {
    this.model = model;
    this.root.hidden = !model;
    setChildren(this.body, el('p', { class: 'note' }, 'Searching…'));
  }

  /** The search's answer for the document shown. */
  setSets(m: SetsMessage): void {
    const model = this.model;
    if (!model) return;
    if (m.message !== null) return setChildren(this.body, el('p', { class: 'note' }, `No sets: ${m.message}`));
    if (m.sets.length === 0)
      return setChildren(this.body, el('p', { class: 'note' }, 'None found: J has full rank at every point searched.'));
    const full = Math.min(model.p, model.q);
    const items = m.sets.slice(0, MAX_SETS).map((s, i) => {
      const W = Float64Array.from(s.W);
      const at = model.params.map((name, j) => `${name} = ${asciiNum(W[j])}`).join(', ');
      const button = el(
        'button',
        { type: 'button', class: 'move-here', 'data-set': i, 'aria-label': `Move the live point to ${s.conditions}` },
        'Move the live point here',
      );
      button.addEventListener('click', () => this.onMove(Float64Array.from(W)));
      const dim = s.dimension >= 0 ? `, dimension ${s.dimension}` : '';
      return el(
        'li',
        { 'data-set': i },
        el('span', { class: 'set-conditions' }, s.conditions),
        ` — ${s.reason}; rank ${s.rank}/${full}${dim}. `,
        ...(model.p <= 8 ? [el('span', { class: 'note' }, `At ${at}. `)] : []),
        button,
      );
    });
    const more = m.sets.length > MAX_SETS ? [el('p', { class: 'note' }, `and ${m.sets.length - MAX_SETS} more`)] : [];
    setChildren(this.body, el('ul', { class: 'set-list' }, ...items), ...more);
  }
}

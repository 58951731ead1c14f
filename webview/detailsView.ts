// Point details: singular values (bar chart), rank and condition, theta, M = J Jᵀ, kernel and cokernel directions
// named by parameters/outputs, and the symbolic Jacobian typeset by KaTeX (built as DOM nodes, no HTML strings).
import katex from 'katex';
import type { ModelInfo, NumArray, PointDetails } from '../src/protocol/panel';
import { Chart } from './charts';
import { direction, num as fmt } from '../src/format';
import { el, setChildren } from './dom';
import type { Theme } from './theme';

/** Largest Jacobian typeset in full; bigger ones show their top-left corner. */
const TEX_MAX_ROWS = 8;
const TEX_MAX_COLS = 8;
/** Largest M shown as a table. */
const TABLE_MAX = 12;

/** Most terms of a direction the details list shows (the rest is counted, as in the hover). */
const DIRECTION_TERMS = 6;

/** The TeX of J (entries from the core), cut to its top-left corner when large. */
export function jacobianTex(tex: string[][]): string {
  const rows = tex.slice(0, TEX_MAX_ROWS).map((r) => {
    const cells = r.slice(0, TEX_MAX_COLS);
    if (r.length > TEX_MAX_COLS) cells.push('\\cdots');
    return cells.join(' & ');
  });
  if (tex.length > TEX_MAX_ROWS)
    rows.push(
      Array(Math.min(TEX_MAX_COLS, tex[0]?.length ?? 1))
        .fill('\\vdots')
        .join(' & '),
    );
  return `J = \\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}`;
}

/** M as a table whose cells are updated in place from frame to frame (rebuilt only for a new model). */
class MatrixTable {
  readonly table: HTMLTableElement;
  private readonly cells: Text[] = [];
  private readonly caption = document.createTextNode('');

  constructor(private readonly rows: readonly string[]) {
    const n = Math.min(rows.length, TABLE_MAX);
    const head = el(
      'tr',
      {},
      el('th', { scope: 'col' }, ''),
      ...rows.slice(0, n).map((r) => el('th', { scope: 'col' }, r)),
    );
    const body = rows.slice(0, n).map((r) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, r),
        ...rows.slice(0, n).map(() => {
          const t = document.createTextNode('');
          this.cells.push(t);
          return el('td', {}, t);
        }),
      ),
    );
    this.table = el(
      'table',
      { class: 'matrix' },
      el('caption', {}, this.caption),
      el('thead', {}, head),
      el('tbody', {}, ...body),
    );
  }

  /** Shows `m` (row-major, rows x rows) under `caption`. */
  show(m: NumArray, caption: string): void {
    setText(this.caption, caption);
    const n = Math.min(this.rows.length, TABLE_MAX);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) setText(this.cells[i * n + j], fmt(m[i * this.rows.length + j]));
  }
}

/** Sets a node's text only when it differs (an unchanged text costs no layout). */
function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** A titled list of directions, its items reused while their number stays the same. */
class DirectionList {
  readonly root: HTMLElement;
  private readonly body = el('div');
  private items: HTMLElement[] = [];
  private shown: 'items' | 'empty' | null = null;

  constructor(
    title: string,
    private readonly empty: string,
  ) {
    this.root = el('div', {}, el('h4', {}, title), this.body);
  }

  /** Shows the directions `vs` (the first 12) in terms of `names`. */
  show(vs: NumArray[], names: readonly string[]): void {
    if (vs.length === 0) {
      if (this.shown !== 'empty') setChildren(this.body, el('p', { class: 'note' }, this.empty));
      this.shown = 'empty';
      this.items = [];
      return;
    }
    const n = Math.min(12, vs.length);
    if (this.shown !== 'items' || this.items.length !== n) {
      this.items = Array.from({ length: n }, () => el('li'));
      setChildren(this.body, el('ul', {}, ...this.items));
      this.shown = 'items';
    }
    for (let i = 0; i < n; i++) setText(this.items[i], direction(vs[i], names, DIRECTION_TERMS));
  }
}

/** The details section; `setModel` on a new document, `setPoint` on every frame. */
export class DetailsView {
  private readonly summary = el('p', { class: 'summary', role: 'status' });
  private readonly svCanvas = el('canvas', { role: 'img', 'aria-label': 'Singular values of J' });
  private readonly tables = el('div', { class: 'tables' });
  private readonly directions = el('div', { class: 'directions' });
  private readonly tex = el('div', { class: 'jacobian', 'aria-label': 'Symbolic Jacobian' });
  private readonly texNote = el('p', { class: 'note' });
  private chart: Chart<'bar'> | undefined;
  private model: ModelInfo | null = null;
  private matrix: MatrixTable | undefined;
  private readonly kernel = new DirectionList(
    'Kernel of J: parameter directions that do not move θ',
    'None: every parameter direction moves θ.',
  );
  private readonly cokernel = new DirectionList(
    'Kernel of Jᵀ: canonical directions the parametric gradient cannot see',
    'None: J has full row rank.',
  );
  /** The singular values the bar chart shows. */
  private bars: number[] = [];

  constructor(
    root: HTMLElement,
    private readonly theme: () => Theme,
  ) {
    root.append(
      this.summary,
      el(
        'div',
        { class: 'details-grid' },
        el(
          'div',
          { class: 'sv' },
          el('h3', {}, 'Singular values of J'),
          el('div', { class: 'sv-canvas' }, this.svCanvas),
        ),
        el('div', {}, this.tables, this.directions),
      ),
      el('h3', {}, 'Symbolic Jacobian'),
      this.tex,
      this.texNote,
    );
  }

  /** A new model: typeset its Jacobian once. */
  setModel(model: ModelInfo | null): void {
    this.model = model;
    // The next point rebuilds the table (its rows are this model's outputs).
    this.matrix = undefined;
    if (!model) {
      setChildren(this.tex);
      setChildren(this.texNote);
      return;
    }
    // KaTeX builds DOM nodes itself (render, not renderToString + innerHTML); user names never enter the TeX.
    katex.render(jacobianTex(model.jacobianTex), this.tex, {
      throwOnError: false,
      displayMode: true,
      trust: false,
      strict: 'ignore',
      maxExpand: 1000,
    });
    const cut =
      model.q > TEX_MAX_ROWS || model.p > TEX_MAX_COLS
        ? ` (showing ${Math.min(model.q, TEX_MAX_ROWS)} × ${Math.min(model.p, TEX_MAX_COLS)} of ${model.q} × ${model.p})`
        : '';
    this.texNote.textContent = `Rows: ${model.outputs.join(', ')}. Columns: ${model.params.slice(0, 40).join(', ')}${model.p > 40 ? ', …' : ''}.${cut}`;
  }

  /** The live point's numbers. */
  setPoint(d: PointDetails | null): void {
    const m = this.model;
    if (!m || !d) {
      this.summary.textContent = 'No point to analyse.';
      return;
    }
    if (!d.finite) {
      setText(this.summary, 'θ or J is not finite here (NaN or infinity): no spectral analysis at this point.');
      this.matrix = undefined;
      setChildren(this.tables);
      setChildren(this.directions);
      this.drawSingularValues([]);
      return;
    }
    const full = Math.min(m.p, m.q);
    setText(
      this.summary,
      `rank ${d.rank}/${full}${d.rank < full ? ' (rank-deficient)' : ''} · condition ${d.conditionNumber === null ? '—' : fmt(d.conditionNumber)} · θ = (${Array.from(d.theta, (x) => fmt(x)).join(', ')})`,
    );
    if (!this.matrix) {
      this.matrix = new MatrixTable(m.outputs);
      setChildren(this.tables, this.matrix.table);
      setChildren(this.directions, this.kernel.root, this.cokernel.root);
    }
    this.matrix.show(
      d.preconditioner,
      m.q > TABLE_MAX ? `M = J Jᵀ (first ${TABLE_MAX} of ${m.q})` : 'M = J Jᵀ (the preconditioner)',
    );
    this.kernel.show(d.kernel, m.params);
    this.cokernel.show(d.cokernel, m.outputs);
    this.drawSingularValues(Array.from(d.singularValues));
  }

  /** Destroys the chart (theme change, document change). */
  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
    this.bars = [];
  }

  private drawSingularValues(sv: number[]): void {
    // An unchanged bar chart is not redrawn (chart.js lays out and repaints the whole chart on update).
    if (this.chart && sv.length === this.bars.length && sv.every((v, i) => v === this.bars[i])) return;
    this.bars = sv;
    const labels = sv.map((_, i) => `σ${i + 1}`);
    if (!this.chart) {
      this.chart = new Chart(this.svCanvas, {
        type: 'bar',
        data: { labels, datasets: [{ data: sv, backgroundColor: this.theme().theta }] },
        options: {
          responsive: true,
          maintainAspectRatio: true,
          aspectRatio: 1.6,
          animation: false,
          plugins: { tooltip: { enabled: true } },
          scales: { y: { beginAtZero: true } },
        },
      });
      return;
    }
    this.chart.data.labels = labels;
    this.chart.data.datasets[0].data = sv;
    this.chart.update('none');
  }
}

// The table of panel views, in page order. Each entry declares its section (heading, controls, export buttons) and
// the host messages it consumes, and creates the view; webview/main.ts builds the page from it and hands every
// message to the views that consume its kind. Adding a view means adding an entry here (see docs/architecture.md).
import type { FieldFrame, FrameMessage, LocusMessage } from '../src/protocol/panel';
import { DetailsView } from './detailsView';
import { composeField, fieldCsv, fieldSvg, pngBase64, rankMapSvg } from './exportFigure';
import { FieldView } from './fieldView';
import { LandscapeView } from './landscapeView';
import { RankMapView } from './rankMapView';
import { SetsList } from './setsList';
import { TrainingView } from './trainingView';
import { KernelView } from './kernelView';
import { WidthView } from './widthView';
import { SgdView } from './sgdView';
import { DoubleDescentView } from './doubleDescentView';
import { BiasView } from './biasView';
import { coordNames } from './viewNames';
import { defineView } from './view';
import type { AnyViewDefinition, MessageOf, PanelView, ViewHost, ViewSection } from './view';

/** The shortest interval between two refreshes of the details while a slider drags (ms). */
const DETAILS_MS = 250;

/** The gradient field: one subplot per point, the live one updated from every frame (and marked with the locus's
 *  image in θ). */
class FieldPanel implements PanelView<'document' | 'frame' | 'locus'> {
  private readonly field: FieldView;
  private fields: FieldFrame[] = [];

  constructor(
    private readonly section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.field = new FieldView(section.body, host.theme, (i) => host.selectPoint(i));
    this.field.commonScale = host.commonScale();
  }

  receive(m: MessageOf<'document' | 'frame' | 'locus'>): void {
    this.field.commonScale = this.host.commonScale();
    if (m.type === 'locus') return this.field.setLocusMarks(this.host.pointIndex(), m.theta);
    if (m.type === 'document') {
      this.fields = m.fields;
      this.field.setFields(m.fields, m.view.grid, coordNames(m.model, m.view));
      return;
    }
    this.field.live = m.pointIndex;
    this.field.markLive();
    // A new map (a new slice): the old locus's image no longer applies; the toggle hides it.
    if (m.rankMap !== 'unchanged' || m.view.locus === false) this.field.setLocusMarks(m.pointIndex, null);
    if (m.field) {
      this.fields[m.pointIndex] = m.field;
      this.field.updateField(m.field);
    }
  }

  draw(): void {
    this.field.commonScale = this.host.commonScale();
    this.field.draw();
  }

  invalidate(): void {
    this.field.invalidate();
  }

  retheme(): void {
    const view = this.host.view();
    if (view) this.field.setFields(this.fields, view.grid, coordNames(this.host.model(), view));
    this.field.live = this.host.pointIndex();
    this.field.markLive();
  }

  exportData(format: string): string | null {
    const names = coordNames(this.host.model(), this.host.view());
    const view = this.host.view();
    if (format === 'png') return pngBase64(composeField(this.section.body, this.host.theme()));
    if (format === 'svg')
      return view && fieldSvg(this.fields, view.grid, names, this.host.commonScale(), this.host.theme());
    return fieldCsv(this.fields, names);
  }
}

/** The rank map of the live point's slice, with the locus of its map. */
class RankPanel implements PanelView<'frame' | 'locus'> {
  private readonly rank: RankMapView;
  private locus: LocusMessage | null = null;

  constructor(
    section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.rank = new RankMapView(section.body, host.theme);
  }

  receive(m: MessageOf<'frame' | 'locus'>): void {
    const model = this.host.model();
    if (!model) return;
    if (m.type === 'locus') {
      this.locus = m;
      return this.rank.setLocus(m, this.host.view()?.locus !== false);
    }
    this.rank.setLocus(this.locus, m.view.locus !== false);
    const r = m.rankMap === 'unchanged' ? this.rank.current : m.rankMap;
    this.rank.setData(
      r,
      r ? [model.params[r.x.param], model.params[r.y.param]] : ['', ''],
      r ? [m.values[r.x.param], m.values[r.y.param]] : null,
    );
  }

  draw(): void {
    this.rank.draw();
  }

  invalidate(): void {
    this.rank.invalidate();
  }

  retheme(): void {
    this.rank.retheme();
  }

  exportData(format: string): string | null {
    if (format === 'png') return pngBase64(this.rank.canvas);
    const snap = this.rank.snapshot();
    return snap ? rankMapSvg(snap, this.host.theme()) : null;
  }
}

/** The live point's details. Tables and the bar chart are secondary to the figures and cost about as much as a
 *  figure frame (chart.js lays out the whole bar chart): during a drag they refresh at most every DETAILS_MS, in a
 *  task of their own. */
class DetailsPanel implements PanelView<'document' | 'frame' | 'sets'> {
  private readonly details: DetailsView;
  private readonly sets: SetsList;
  private pending: FrameMessage['details'] = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private at = 0;
  private version = -1;

  constructor(
    section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.details = new DetailsView(section.body, host.theme);
    this.sets = new SetsList((values) => host.moveLive(values));
    section.body.append(this.sets.root);
  }

  receive(m: MessageOf<'document' | 'frame' | 'sets'>): void {
    if (m.type === 'sets') return this.sets.setSets(m);
    if (m.type === 'document') {
      // A new version searches again; the same version (a view change) keeps its list.
      if (m.version !== this.version || m.model === null) this.sets.setModel(m.model);
      this.version = m.version;
      return this.details.setModel(m.model);
    }
    this.pending = m.details;
    if (this.timer !== undefined) return;
    const wait = Math.max(0, DETAILS_MS - (performance.now() - this.at));
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.at = performance.now();
        this.details.setPoint(this.pending);
      },
      this.host.busy() ? wait : 0,
    );
  }

  retheme(): void {
    this.details.destroy();
    this.details.setModel(this.host.model());
  }
}

/** Every view of the panel, in page order. */
export const VIEWS: readonly AnyViewDefinition[] = [
  defineView({
    id: 'field',
    title: 'Gradient field: arrows from g along M g = J Jᵀ g',
    bodyClass: 'subplots',
    controls: 'Field settings',
    exports: [
      { format: 'png', suffix: 'field.png', label: 'Export the field as PNG' },
      { format: 'svg', suffix: 'field.svg', label: 'Export the field as SVG' },
      { format: 'csv', suffix: 'field.csv', label: 'Export the field data as CSV' },
    ],
    consumes: ['document', 'frame', 'locus'],
    create: (section, host) => new FieldPanel(section, host),
  }),
  defineView({
    id: 'rank',
    title: 'Rank map: σmin / σmax of J over a parameter slice',
    bodyClass: 'rankmap-root',
    controls: 'Rank map settings',
    exports: [
      { format: 'png', suffix: 'rankmap.png', label: 'Export the rank map as PNG' },
      { format: 'svg', suffix: 'rankmap.svg', label: 'Export the rank map as SVG' },
    ],
    consumes: ['frame', 'locus'],
    create: (section, host) => new RankPanel(section, host),
  }),
  defineView({
    id: 'details',
    title: 'The live point',
    bodyClass: 'details',
    exports: [],
    consumes: ['document', 'frame', 'sets'],
    create: (section, host) => new DetailsPanel(section, host),
  }),
  defineView({
    id: 'training',
    title: 'Training: L along a trajectory, and θ beside canonical GD',
    bodyClass: 'training',
    controls: 'Training settings',
    exports: [],
    consumes: ['document', 'training'],
    create: (section, host) => new TrainingView(section, host),
  }),
  defineView({
    id: 'landscape',
    title: 'Landscape: critical points of L(W), contours and -∇L on the rank map slice',
    bodyClass: 'landscape',
    controls: 'Landscape settings',
    exports: [
      { format: 'png', suffix: 'landscape.png', label: 'Export the landscape as PNG' },
      { format: 'csv', suffix: 'critical.csv', label: 'Export the critical points as CSV' },
    ],
    consumes: ['document', 'frame', 'lab'],
    create: (section, host) => new LandscapeView(section, host),
  }),
  defineView({
    id: 'kernel',
    title: 'Kernel: K = DF DFᵀ, μ-PL* on its ball, GD against the bound',
    bodyClass: 'kernel',
    controls: 'Kernel lab settings',
    exports: [],
    consumes: ['document', 'lab'],
    create: (section, host) => new KernelView(section, host),
  }),
  defineView({
    id: 'width',
    title: 'Width: the transition to linearity across the sweep (log-log against m)',
    bodyClass: 'width',
    controls: 'Width lab settings',
    exports: [],
    consumes: ['document', 'lab'],
    create: (section, host) => new WidthView(section, host),
  }),
  defineView({
    id: 'sgd',
    title: 'SGD: a constant step against GD, the gradients’ spread, batch size',
    bodyClass: 'lab',
    controls: 'SGD settings',
    exports: [
      { format: 'png', suffix: 'sgd.png', label: 'Export the SGD figures as PNG' },
      { format: 'csv', suffix: 'sgd.csv', label: 'Export the SGD runs as CSV' },
    ],
    consumes: ['document', 'lab'],
    create: (section, host) => new SgdView(section, host),
  }),
  defineView({
    id: 'doubleDescent',
    title: 'Double descent: risk against the number of features',
    bodyClass: 'lab',
    controls: 'Double-descent settings',
    exports: [
      { format: 'png', suffix: 'double-descent.png', label: 'Export the double-descent figures as PNG' },
      { format: 'csv', suffix: 'double-descent.csv', label: 'Export the double-descent curves as CSV' },
    ],
    consumes: ['document', 'lab'],
    create: (section, host) => new DoubleDescentView(section, host),
  }),
  defineView({
    id: 'bias',
    title: 'Implicit bias: the flow’s endpoint against the initialization scale α',
    bodyClass: 'lab',
    controls: 'Implicit-bias settings',
    exports: [
      { format: 'png', suffix: 'implicit-bias.png', label: 'Export the implicit-bias figures as PNG' },
      { format: 'csv', suffix: 'implicit-bias.csv', label: 'Export the implicit-bias data as CSV' },
    ],
    consumes: ['document', 'lab'],
    create: (section, host) => new BiasView(section, host),
  }),
];

// The contract of a panel view: what a view declares (its section, the host messages it consumes, its exports) and
// what the app calls on it. webview/views.ts is the table of views; webview/main.ts iterates it and wires nothing
// by hand. A lab's view is one more entry there.
import type { ExportMessage, HostMessage, ModelInfo, ViewSettings, WebviewMessage } from '../src/protocol/panel';
import type { Theme } from './theme';

/** The host messages a view may consume (the app itself answers `exportResult`, `error` and `reveal`). */
export type ViewMessageType = Exclude<HostMessage['type'], 'exportResult' | 'error' | 'reveal'>;

/** The host message of type K. */
export type MessageOf<K extends HostMessage['type']> = Extract<HostMessage, { type: K }>;

/** A webview -> host message before the link stamps its request id. */
export type Outgoing = WebviewMessage extends infer M
  ? M extends WebviewMessage
    ? Omit<M, 'requestId'>
    : never
  : never;

/** What the app offers every view: the shared state it owns and a way back to the host. */
export interface ViewHost {
  theme(): Theme;
  /** The model shown (null when the file does not compile). */
  model(): ModelInfo | null;
  /** The view settings the host used last (null before the first document). */
  view(): ViewSettings | null;
  /** The live point's index as the user last chose it. */
  pointIndex(): number;
  /** Whether the field's subplots share one arrow scale. */
  commonScale(): boolean;
  /** True while a slider drag awaits its frame (views then refresh secondary parts less often). */
  busy(): boolean;
  /** Moves the live point to `values` (as a slider does) and shows them on the sliders. */
  moveLive(values: Float64Array): void;
  /** Makes point `i` the live one. */
  selectPoint(i: number): void;
  /** Sends a message to the host; returns its request id. */
  send(m: Outgoing): number;
  /** Asks for a repaint on the next animation frame. */
  scheduleDraw(): void;
}

/** One export button under a view: the format, the file-name suffix and the button's accessible label. */
export interface ExportSpec {
  format: ExportMessage['format'];
  suffix: string;
  label: string;
}

/** The DOM the layout builds for a view: its body and, when declared, its controls group. */
export interface ViewSection {
  body: HTMLElement;
  controls: HTMLElement | null;
}

/** A live view: it consumes messages, repaints on `draw`, and answers theme changes and exports. */
export interface PanelView<K extends ViewMessageType = ViewMessageType> {
  /** A message of a kind the definition lists in `consumes` (frames arrive once per animation frame, newest only). */
  receive(m: MessageOf<K>): void;
  /** Repaints what changed since the last call (once per animation frame). */
  draw?(): void;
  /** The size changed: repaint everything on the next `draw`. */
  invalidate?(): void;
  /** The theme changed (chart.js defaults are already re-applied). */
  retheme(): void;
  /** The page brought the view into sight (a code lens asked); with `run`, start the view's run. */
  reveal?(run: boolean): void;
  /** The data of an export (null when there is nothing to export). */
  exportData?(format: ExportMessage['format']): string | null;
}

/** A view as the table lists it. */
export interface ViewDefinition<K extends ViewMessageType = ViewMessageType> {
  /** Short name; the section's id is `op-<id>`. */
  id: string;
  /** The section's heading. */
  title: string;
  /** The view's name in the page's row of view buttons (default: the title up to its colon). */
  nav?: string;
  /** The class of the section's body element. */
  bodyClass: string;
  /** The accessible label of the section's controls group, when it has one. */
  controls?: string;
  exports: readonly ExportSpec[];
  /** The host messages the view receives. */
  consumes: readonly K[];
  create(section: ViewSection, host: ViewHost): PanelView<K>;
}

/** A definition with its message kinds erased, for the heterogeneous table. */
export type AnyViewDefinition = ViewDefinition<ViewMessageType>;

/** Types a definition against the messages it consumes and erases them for the table. */
export function defineView<K extends ViewMessageType>(d: ViewDefinition<K>): AnyViewDefinition {
  return d as unknown as AnyViewDefinition;
}

/** True when `view` (made from `def`) takes messages of `m`'s kind. */
export function consumes(def: AnyViewDefinition, m: HostMessage): m is MessageOf<ViewMessageType> {
  return (def.consumes as readonly string[]).includes(m.type);
}

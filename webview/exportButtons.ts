// The export buttons under the field and the rank map: each makes its file's data on click and hands it to the host,
// which asks the user where to save it.
import type { ExportMessage } from '../src/protocol/panel';
import type { buildLayout } from './layout';

/** What a button exports: its format, the file-name suffix, and the data (null when there is nothing to export). */
export interface ExportSource {
  format: ExportMessage['format'];
  suffix: string;
  data: () => string | null;
}

/** The exports of the field (png, svg, csv) and the rank map (png, svg). */
export interface ExportSources {
  field: Record<'png' | 'svg' | 'csv', ExportSource>;
  rank: Record<'png' | 'svg', ExportSource>;
}

/** Wires every export button of `ui` to send an `export` message with the file's base name and suffix. */
export function wireExportButtons(
  ui: ReturnType<typeof buildLayout>,
  sources: ExportSources,
  send: (m: Omit<ExportMessage, 'requestId'>) => void,
): void {
  const base = (): string => (ui.fileName.textContent ?? 'overparam').replace(/\.overparam$/, '');
  const wire = (button: HTMLButtonElement, s: ExportSource): void =>
    button.addEventListener('click', () => {
      const data = s.data();
      if (data !== null) send({ type: 'export', format: s.format, suggestedName: `${base()}-${s.suffix}`, data });
    });
  wire(ui.fieldExport.png, sources.field.png);
  wire(ui.fieldExport.svg, sources.field.svg);
  wire(ui.fieldExport.csv, sources.field.csv);
  wire(ui.rankExport.png, sources.rank.png);
  wire(ui.rankExport.svg, sources.rank.svg);
}

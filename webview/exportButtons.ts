// The export buttons under the views: each makes its file's data on click (the view's `exportData`) and hands it to
// the host, which asks the user where to save it.
import type { ExportMessage } from '../src/protocol/panel';
import type { BuiltSection } from './layout';
import type { PanelView } from './view';

/** Wires every export button of `section` to send an `export` message with the file's base name and suffix. */
export function wireExportButtons(
  section: BuiltSection,
  view: PanelView,
  fileName: HTMLElement,
  send: (m: Omit<ExportMessage, 'requestId'>) => void,
): void {
  const base = (): string => (fileName.textContent ?? 'overparam').replace(/\.overparam$/, '');
  for (const { spec, button } of section.exports)
    button.addEventListener('click', () => {
      const data = view.exportData?.(spec.format) ?? null;
      if (data !== null) send({ type: 'export', format: spec.format, suggestedName: `${base()}-${spec.suffix}`, data });
    });
}

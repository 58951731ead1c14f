// Names the views share: the field's two shown canonical coordinates.
import type { ModelInfo, ViewSettings } from '../src/protocol/panel';

/** The names of the field's two shown canonical coordinates. */
export function coordNames(model: ModelInfo | null, view: ViewSettings | null): [string, string] {
  const c = view?.grid.coords ?? [0, 1];
  return [model?.outputs[c[0]] ?? '', model?.outputs[c[1]] ?? ''];
}

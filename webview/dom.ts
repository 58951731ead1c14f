// Building the page with the DOM API only: text goes through textContent, never through HTML parsing.

type Attrs = Record<string, string | number | boolean | undefined>;

/** A new element with attributes (set as attributes, so `aria-*`, `for` and `data-*` work) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** Replaces an element's children. */
export function setChildren(parent: Element, ...children: (Node | string)[]): void {
  parent.replaceChildren(...children.map((c) => (typeof c === 'string' ? document.createTextNode(c) : c)));
}

/** A process-unique id for label/for pairs. */
export function uid(prefix: string, n: number): string {
  return `op-${prefix}-${n}`;
}

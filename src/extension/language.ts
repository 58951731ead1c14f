// What the language offers besides its grammar: the constants with one-line docs (the functions' are the core's,
// src/core/language/functionDocs.ts), and a cheap scan of the names a document declares (for completion while the
// file is being typed). Pure: no vscode.

/** The constants the language knows. */
export const CONSTANTS: Record<string, string> = { pi: 'π = 3.14159…', e: 'e = 2.71828…' };

/** The line keywords. */
export const KEYWORDS: Record<string, string> = {
  param: 'param w[3], U[2,3], r: declare parameters (the columns of J)',
  const: 'const x = [1, 2]: a named constant (data, not a parameter)',
  at: 'at w = [1, 0]: a point at which to diagnose J',
};

/** A name declared in a document and what it is. */
export interface DeclaredName {
  name: string;
  kind: 'param' | 'const' | 'output';
  /** `[2]`, `[2,3]` or '' for scalars. */
  shape: string;
  line: number;
}

const IDENT = '[\\p{L}_][\\p{L}\\p{N}_]*';
/** Line keywords written as `keyword = …` that define no output (`loss = …` is the canonical loss). */
const NOT_OUTPUTS = new Set(['at', 'loss']);

/** Parameters, constants and outputs declared in `text`, found line by line with regular expressions. */
export function declaredNames(text: string): DeclaredName[] {
  const out: DeclaredName[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, line) => {
    const s = raw.replace(/#.*$/, '');
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^\\s*param\\s+(.*)$`, 'u').exec(s))) {
      for (const d of m[1].matchAll(new RegExp(`(${IDENT})\\s*(\\[[^\\]]*\\])?`, 'gu')))
        out.push({ name: d[1], kind: 'param', shape: d[2] ?? '', line });
    } else if ((m = new RegExp(`^\\s*(?:const|sweep)\\s+(${IDENT})`, 'u').exec(s))) {
      // A swept value (`sweep m = 10, 100`) is a constant of each compiled variant.
      out.push({ name: m[1], kind: 'const', shape: '', line });
    } else if ((m = new RegExp(`^\\s*(${IDENT})\\s*=(?!=)`, 'u').exec(s)) && !NOT_OUTPUTS.has(m[1])) {
      out.push({ name: m[1], kind: 'output', shape: '', line });
    }
  });
  return out;
}

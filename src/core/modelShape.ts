// The one description of a model's names, shared by every layer: compileDocument fills it; the CLI, the hover, the
// panel's host and its webview read it as it is (plain data: it crosses postMessage and JSON unchanged).
import { sizeOf, type ParamInfo } from './language/declarations';
import type { OutputRow } from './language/outputs';

/** A declared parameter or a defined output: a scalar (shape []), vector ([n]) or matrix ([r, c], row-major). */
export interface Declaration {
  name: string;
  shape: number[];
  /** Its positions in the model's flat order: J's columns for a parameter, J's rows for an output. */
  entries: number[];
}

/** How a model is laid out: its parameters (J's columns) and outputs (J's rows), each grouped by declaration. */
export interface ModelShape {
  params: Declaration[];
  outputs: Declaration[];
}

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, k) => from + k);

/** The shape of a compiled model from its parameter declarations and expanded output rows. */
export function modelShape(params: readonly ParamInfo[], rows: readonly OutputRow[]): ModelShape {
  const outputs: Declaration[] = [];
  rows.forEach((row, k) => {
    // Consecutive rows of one statement form one declaration (`θ_i = …` gives θ[1..n]).
    const last = outputs[outputs.length - 1];
    if (last && last.name === row.base && rows[k - 1].line === row.line) last.entries.push(k);
    else outputs.push({ name: row.base, shape: [...row.shape], entries: [k] });
  });
  return {
    params: params.map((p) => ({ name: p.name, shape: [...p.shape], entries: range(p.offset, sizeOf(p.shape)) })),
    outputs,
  };
}

// What the commands that need a compiled model share: compile or report the file's errors, pick an `at` point,
// and resolve a parameter named on the command line to its column of J.
import { compileDocument, pointFromNames, type CompiledModel } from '../../core';
import { UsageError, type ParsedArgs } from '../args';
import { positiveInt, type CliIo } from '../command';
import { formatDiagnostic } from '../textReport';

/** The compiled model, or null after printing the file's errors (the command then exits 1). */
export function compileOrReport(file: string, text: string, io: CliIo): CompiledModel | null {
  const { model, diagnostics } = compileDocument(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (model && !errors.length) return model;
  errors.forEach((d) => io.out(formatDiagnostic(file, d)));
  return null;
}

/** The values of `at` point `--point K` (1-based, default 1). */
export function chosenPoint(model: CompiledModel, args: ParsedArgs): Float64Array {
  const k = positiveInt(args, '--point', 1);
  const base = model.points[k - 1]?.values;
  if (!base) throw new UsageError(`--point ${k}: the file has ${model.points.length} \`at\` points`);
  return base;
}

/** The column of J of a parameter written as on the command line (`w[1]`, `w1`, `r`). */
export function parameterColumn(model: CompiledModel, name: string, base: Float64Array): number {
  const j = model.params.indexOf(name);
  if (j >= 0) return j;
  try {
    // A probe value no finite base value can equal, so the changed entry shows even where the base is 0.
    const probe = pointFromNames(model, { [name]: Infinity }, base);
    const changed = model.params.findIndex((_, i) => probe[i] !== base[i]);
    if (changed >= 0) return changed;
  } catch {
    /* reported below */
  }
  throw new UsageError(`unknown parameter \`${name}\` (parameters: ${model.params.join(', ')})`);
}

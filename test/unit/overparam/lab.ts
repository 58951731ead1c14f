// Shared by the over-parameterization tests: a document (or an example of examples/overparam) as a lab objective.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { compileDocument, documentObjective, type CompileOptions, type DocumentObjective } from '../../../src/core';
import { repoRoot } from '../../support/paths';

/** The text of examples/overparam/NAME.overparam. */
export const overparamExample = (name: string): string =>
  fs.readFileSync(path.join(repoRoot, 'examples', 'overparam', `${name}.overparam`), 'utf8');

/** A document that must compile without errors and define a loss, as its DocumentObjective. */
export function labOf(text: string, options: CompileOptions = {}): DocumentObjective {
  const result = compileDocument(text, options);
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const lab = documentObjective(result);
  assert.ok(lab, 'a loss');
  return lab;
}

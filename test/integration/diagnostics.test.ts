import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsOf, openFixture, openNew, setText, waitForDiagnostics } from './helpers';

const range = (d: vscode.Diagnostic): string =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

describe('diagnostics', () => {
  it('warns on the at line of a rank-deficient point, with the exact range, code and related definitions', async () => {
    const doc = await openFixture('squared.overparam');
    const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    const all = diagnosticsOf(doc.uri);
    assert.strictEqual(all.length, 1, all.map((x) => x.message).join('\n'));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(d.code, 'rank-deficient');
    assert.strictEqual(d.source, 'overparam');
    assert.strictEqual(range(d), '2:0-2:13', 'the whole `at w = [1, 0]` line');
    assert.match(d.message, /rank 1 of 2/);
    assert.ok(d.relatedInformation?.length, 'related information points at the definitions');
    assert.strictEqual(d.relatedInformation![0].location.uri.toString(), doc.uri.toString());
    assert.strictEqual(d.relatedInformation![0].location.range.start.line, 1, 'θ_i is defined on line 2');
  });

  it('reports a syntax error at its exact column', async () => {
    const doc = await openFixture('syntax-error.overparam');
    const ds = await waitForDiagnostics(doc.uri, (x) => x.length > 0);
    const syntax = ds.find((d) => d.code === 'syntax');
    assert.ok(syntax, ds.map((d) => `${d.code}: ${d.message}`).join('\n'));
    assert.strictEqual(syntax.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(range(syntax), '1:10-1:11', 'the second ^ of `θ_i = w_i^^2`');
  });

  it('follows edits: fixing the point clears the warning, breaking it brings it back', async () => {
    const doc = await openNew('edit.overparam', 'param w[2]\nθ_i = w_i^2\nat w = [1, 0]\n');
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => d.code === 'rank-deficient'));
    await setText(doc, 'param w[2]\nθ_i = w_i^2\nat w = [1, 2]\n');
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0);
    await setText(doc, 'param w[2]\nθ_i = w_i^2\nat w = [0, 2]\n');
    const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.length === 1);
    assert.strictEqual(d.code, 'rank-deficient');
    assert.strictEqual(range(d), '2:0-2:13');
  });

  it('keeps documents apart: an error in one file does not touch another', async () => {
    const good = await openFixture('polar.overparam');
    const bad = await openNew('bad.overparam', 'param r, φ\nθ1 = r * cos(φ\nat r = 1, φ = 0.5\n');
    await waitForDiagnostics(bad.uri, (ds) => ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    const ds = await waitForDiagnostics(good.uri, (x) => x.length > 0);
    assert.deepStrictEqual(
      ds.map((d) => [d.code, d.range.start.line]),
      [['rank-deficient', 5]],
      'only the r = 0 point of polar',
    );
  });
});

import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture } from './helpers';

describe('activation', () => {
  it('activates on a .overparam file and sets the language id', async () => {
    const doc = await openFixture('squared.overparam');
    assert.strictEqual(doc.languageId, 'overparam');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });
});

// The webview tier: one Chromium and one server for every suite (bundled into out/webview-test/ and run by
// scripts/test-webview.js with node's test runner).
import { after, before } from 'node:test';
import { startRig } from './support/browser';
import type { Rig } from './support/browser';
import { fieldSuite } from './field.test';
import { rankMapSuite } from './rankMap.test';
import { interactionSuite } from './interaction.test';
import { frameRateSuite } from './frameRate.test';
import { securitySuite } from './security.test';
import { panelSuite } from './panel.test';
import { settingsSuite } from './settings.test';
import { trainingSuite } from './training.test';
import { locusSuite } from './locus.test';
import { landscapeSuite } from './landscape.test';
import { kernelSuite } from './kernel.test';
import { overparamSuite } from './overparam.test';

const rig = {} as Rig;
let stop: (() => Promise<void>) | undefined;

before(async () => {
  const r = await startRig();
  Object.assign(rig, r);
  stop = r.stop;
});
after(async () => {
  await stop?.();
});

fieldSuite(rig);
rankMapSuite(rig);
interactionSuite(rig);
frameRateSuite(rig);
securitySuite(rig);
panelSuite(rig);
settingsSuite(rig);
trainingSuite(rig);
locusSuite(rig);
landscapeSuite(rig);
kernelSuite(rig);
overparamSuite(rig);

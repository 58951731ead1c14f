// The CLI's command table: one entry per subcommand. A lab adds its CliCommand file in this folder and one line here;
// `overparam help`, argument parsing and dispatch all read this table.
import type { CliCommand } from '../command';
import { analyzeCommand } from './analyze';
import { batchCommand } from './batch';
import { biasCommand } from './bias';
import { criticalCommand } from './critical';
import { deficientCommand } from './deficient';
import { fitCommand } from './fit';
import { kernelCommand } from './kernel';
import { mapCommand } from './map';
import { trainCommand } from './train';
import { widthCommand } from './width';

/** Every subcommand, in the order `overparam help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  analyzeCommand,
  mapCommand,
  deficientCommand,
  trainCommand,
  criticalCommand,
  kernelCommand,
  widthCommand,
  batchCommand,
  fitCommand,
  biasCommand,
];

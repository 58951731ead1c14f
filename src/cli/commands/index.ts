// The CLI's command table: one entry per subcommand. A lab adds its CliCommand file in this folder and one line here;
// `overparam help`, argument parsing and dispatch all read this table.
import type { CliCommand } from '../command';
import { analyzeCommand } from './analyze';
import { biasCommand } from './bias';
import { batchCommand } from './batch';
import { deficientCommand } from './deficient';
import { fitCommand } from './fit';
import { mapCommand } from './map';
import { trainCommand } from './train';

/** Every subcommand, in the order `overparam help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  analyzeCommand,
  mapCommand,
  deficientCommand,
  trainCommand,
  batchCommand,
  fitCommand,
  biasCommand,
];

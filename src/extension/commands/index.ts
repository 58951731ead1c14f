// The command table: one factory per command id; each factory gets the context and returns the handler.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { analyzeFileCommand } from './analyzeFileCommand';
import { Command } from './commandIds';
import { copyJacobianCommand } from './copyJacobianCommand';
import { openExampleCommand } from './openExampleCommand';
import { openPanelCommand } from './openPanelCommand';
import { showReportCommand } from './showReportCommand';

type Factory = (ctx: Ctx) => (...args: never[]) => unknown;

const FACTORIES: Record<Command, Factory> = {
  [Command.OpenPanel]: openPanelCommand,
  [Command.ShowReport]: showReportCommand,
  [Command.CopyJacobian]: copyJacobianCommand,
  [Command.AnalyzeFile]: analyzeFileCommand,
  [Command.OpenExample]: openExampleCommand,
};

/** Registers every command; returns what to dispose. */
export function registerCommands(ctx: Ctx): vscode.Disposable {
  return vscode.Disposable.from(
    ...Object.entries(FACTORIES).map(([id, factory]) =>
      vscode.commands.registerCommand(id, factory(ctx) as (...args: unknown[]) => unknown),
    ),
  );
}

// Every command id of the extension (titles and menus are in package.json under contributes.commands).

/** The extension's command ids. */
export enum Command {
  OpenPanel = 'overparam.openPanel',
  ShowReport = 'overparam.showReport',
  CopyJacobian = 'overparam.copyJacobian',
  AnalyzeFile = 'overparam.analyzeFile',
  OpenExample = 'overparam.openExample',
}

/** A `command:` URI for markdown links, with JSON arguments. */
export function commandUri(command: Command, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

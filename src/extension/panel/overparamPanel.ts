// The panel webview panel: lifecycle (createOrShow / revive / dispose), following the active .overparam editor,
// and wiring to PanelHost (the protocol and the numbers). The webview only draws.
import * as vscode from 'vscode';
import type { ClientLogger } from '../analysisClient';
import { workerCompute } from './panelCompute';
import { PanelHost } from './panelHost';
import type { PanelDocument, PanelStats } from './panelHost';
import { saveExport } from './exportFile';
import { makeNonce, panelHtml } from './panelHtml';
import { createPanelWorkers, fieldDefaults, panelOptions } from './panelWorkers';
import type { PanelWorkers } from './panelWorkers';

/** The webview panel type (also the serializer's key; package.json needs `onWebviewPanel:overparam.panel`). */
export const PANEL_VIEW_TYPE = 'overparam.panel';

/** How long typing must pause before the panel recompiles (ms). */
const EDIT_DEBOUNCE_MS = 60;

const isOverparam = (d: vscode.TextDocument): boolean =>
  d.languageId === 'overparam' || d.uri.path.endsWith('.overparam');
const baseName = (u: vscode.Uri): string => u.path.split('/').pop() ?? '';

/** Where the panel's workers log when the panel was restored without the extension's log channel. */
const CONSOLE_LOG: ClientLogger = { info: () => undefined, warn: (m) => console.warn(`overparam: ${m}`) };

/** The panel: one per extension context, following the active .overparam document. */
export class OverparamPanel {
  private static readonly panels = new WeakMap<vscode.ExtensionContext, OverparamPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly host: PanelHost;
  private readonly workers: PanelWorkers;
  private editTimer: ReturnType<typeof setTimeout> | undefined;

  /** Shows the panel for `document` (creating it beside the editor if needed), at `pointIndex` when given, with
   *  view `view` in sight and its run started when `view` is given (a code lens's "show landscape"). */
  static createOrShow(
    context: vscode.ExtensionContext,
    document: vscode.TextDocument,
    pointIndex?: number,
    log: ClientLogger = CONSOLE_LOG,
    view?: string,
  ): OverparamPanel {
    let panel = OverparamPanel.panels.get(context);
    if (panel) {
      panel.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const webview = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        'Overparam Panel',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        OverparamPanel.options(context),
      );
      panel = new OverparamPanel(webview, context, document, log);
    }
    panel.show(document, pointIndex);
    if (view) panel.host.reveal(view, true);
    return panel;
  }

  /** What the open panel's host has posted (undefined when no panel is open). */
  static statsOf(context: vscode.ExtensionContext): PanelStats | undefined {
    const panel = OverparamPanel.panels.get(context);
    return panel && { ...panel.host.stats };
  }

  /** Re-creates a panel VS Code restored after a restart. */
  static revive(
    webview: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    document: vscode.TextDocument | undefined,
  ): OverparamPanel {
    webview.webview.options = OverparamPanel.options(context);
    const panel = new OverparamPanel(webview, context, document, CONSOLE_LOG);
    if (document) panel.show(document);
    return panel;
  }

  private static options(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [
        vscode.Uri.joinPath(context.extensionUri, 'dist'),
        vscode.Uri.joinPath(context.extensionUri, 'media'),
      ],
    };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private document: vscode.TextDocument | undefined,
    log: ClientLogger,
  ) {
    OverparamPanel.panels.get(context)?.dispose();
    OverparamPanel.panels.set(context, this);
    const webview = panel.webview;
    this.workers = createPanelWorkers(context, log);
    // One model cache key for the panel: its workers serve only this panel, and an edit or a new document is new text.
    const compute = workerCompute(this.workers.clients, 'panel', () => panelOptions(this.document?.uri));
    this.host = new PanelHost({
      post: (m) => void webview.postMessage(m),
      document: () => this.snapshot(),
      save: (m) => saveExport(m, this.document?.uri),
      compute,
      fieldDefaults: fieldDefaults(document?.uri),
    });
    const uri = (...p: string[]): string =>
      webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, ...p)).toString();
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: uri('dist', 'webview.js'),
      styleUri: uri('media', 'panel.css'),
      katexStyleUri: uri('dist', 'katex', 'katex.min.css'),
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      webview.onDidReceiveMessage((m: unknown) => this.host.receive(m)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.host.detach();
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && isOverparam(e.document)) this.show(e.document);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document && e.contentChanges.length > 0) this.scheduleReload();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.settingsChanged(e)),
    );
  }

  /** Closes the panel and releases every listener. */
  dispose(): void {
    if (OverparamPanel.panels.get(this.context) === this) OverparamPanel.panels.delete(this.context);
    if (this.editTimer) clearTimeout(this.editTimer);
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.workers.dispose();
    this.panel.dispose();
  }

  private settingsChanged(e: vscode.ConfigurationChangeEvent): void {
    const scope = this.document?.uri;
    if (e.affectsConfiguration('overparam.analysis.memoryMb')) this.workers.restart();
    if (e.affectsConfiguration('overparam.field', scope)) this.host.fieldDefaultsChanged(fieldDefaults(scope));
    // A new tolerance changes ranks: the next reload recompiles (the worker caches by text and options).
    if (e.affectsConfiguration('overparam.rankTolerance', scope)) this.host.optionsChanged();
  }

  private show(document: vscode.TextDocument, pointIndex?: number): void {
    const changed = document !== this.document;
    this.document = document;
    this.panel.title = `Overparam: ${baseName(document.uri)}`;
    if (changed || pointIndex !== undefined) this.host.documentChanged(pointIndex);
  }

  private snapshot(): PanelDocument | undefined {
    const d = this.document;
    return d && { text: d.getText(), version: d.version, fileName: baseName(d.uri), uri: d.uri.toString() };
  }

  private scheduleReload(): void {
    if (this.editTimer) clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => {
      this.editTimer = undefined;
      this.host.documentChanged();
    }, EDIT_DEBOUNCE_MS);
  }
}

/** An internal command (not in the palette) that returns the open panel's PanelStats, for the integration tests. */
export const PANEL_STATS_COMMAND = 'overparam._panelStats';

/** Registers the serializer that restores the panel (and its document) after VS Code restarts, and the stats command. */
export function registerPanelSerializer(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(PANEL_STATS_COMMAND, () => OverparamPanel.statsOf(context)),
  );
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = typeof state === 'object' && state !== null ? (state as { uri?: unknown }).uri : undefined;
        let document: vscode.TextDocument | undefined;
        if (typeof saved === 'string') {
          try {
            document = await vscode.workspace.openTextDocument(vscode.Uri.parse(saved));
          } catch {
            document = undefined;
          }
        }
        const active = vscode.window.activeTextEditor?.document;
        document ??= active && isOverparam(active) ? active : undefined;
        OverparamPanel.revive(panel, context, document);
      },
    }),
  );
}

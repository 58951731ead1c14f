// The panel webview's HTML and CSP. Pure (no vscode) so the browser tests serve exactly this page.

/** Where the page's resources live, as webview URIs (or test-server URLs), and the CSP source of that origin. */
export interface PanelResources {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  katexStyleUri: string;
}

/** A fresh random nonce for the page's script tag. */
export function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}

/** The CSP: nothing by default; our script by nonce; styles, fonts and images from our own origin (+ data:). */
export function contentSecurityPolicy(r: Pick<PanelResources, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${r.nonce}'`,
    `style-src ${r.cspSource} 'nonce-${r.nonce}'`,
    `font-src ${r.cspSource} data:`,
    `img-src ${r.cspSource} data:`,
  ].join('; ');
}

const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The whole page; everything visible is built by the script from typed messages. */
export function panelHtml(r: PanelResources): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(r))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.katexStyleUri)}">
<link rel="stylesheet" href="${attr(r.styleUri)}">
<title>Overparam Panel</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="status">Loading the panel…</p></main>
<script nonce="${attr(r.nonce)}" src="${attr(r.scriptUri)}"></script>
</body>
</html>`;
}

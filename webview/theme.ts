// Colours from VS Code's theme variables (light, dark, high contrast), read when drawing.

/** The colours the figures use. */
export interface Theme {
  foreground: string;
  background: string;
  grid: string;
  accent: string;
  theta: string;
  deficient: string;
  /** The rank-deficient locus's curves over the rank map (over viridis and the red overlay alike) and its halo. */
  locus: string;
  locusHalo: string;
  marker: string;
  font: string;
  highContrast: boolean;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

/** The current theme from the page's CSS variables and body classes. */
export function readTheme(): Theme {
  const body = document.body;
  const dark = body.classList.contains('vscode-dark') || body.classList.contains('vscode-high-contrast');
  const highContrast =
    body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light');
  const s = getComputedStyle(document.documentElement);
  const foreground = cssVar(s, '--vscode-editor-foreground', dark ? '#d4d4d4' : '#1f1f1f');
  return {
    foreground,
    background: cssVar(s, '--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    grid: highContrast ? foreground : dark ? 'rgba(255,255,255,0.12)' : 'rgba(0,0,0,0.10)',
    accent: cssVar(s, '--vscode-focusBorder', '#0078d4'),
    theta: cssVar(s, '--vscode-charts-blue', dark ? '#4aa3ff' : '#1a5fd0'),
    deficient: cssVar(s, '--vscode-charts-red', '#f14c4c'),
    // Magenta: in no viridis colour and far from the overlay's red; the black halo keeps it apart from yellow.
    locus: '#ff00ff',
    locusHalo: '#000000',
    marker: dark ? '#ffffff' : '#000000',
    font: cssVar(s, '--vscode-font-family', 'system-ui, sans-serif'),
    highContrast,
  };
}

/** Calls `onChange` when VS Code switches theme (body class or the variables on <html> change). */
export function watchTheme(onChange: () => void): void {
  const mo = new MutationObserver(onChange);
  mo.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}

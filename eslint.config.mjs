// ESLint flat config: the layer boundaries of docs/architecture.md, enforced mechanically.
//   src/core      pure: no vscode, no node:* (or bare node built-ins), no DOM globals
//   src/protocol  plain types and validators: no vscode, no node, no DOM, no mathjs
//   src/format    numbers, directions, labels for every layer: no vscode, node, DOM or mathjs
//   webview/      draws numbers: no core, no mathjs, no vscode, no node
//   everything    no import cycles
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:*'];
const domGlobals = [
  'window',
  'document',
  'navigator',
  'HTMLElement',
  'HTMLCanvasElement',
  'localStorage',
  'location',
  'fetch',
  'process',
  'Buffer',
  '__dirname',
  '__filename',
];

/** `no-restricted-imports` with these module patterns banned, each with the reason shown to the developer. */
const bans = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
});

/** A layer every other layer (the webview included) may import: no vscode, node, DOM or mathjs. */
const sharedLayer = (dir, why) => ({
  files: [`${dir}/**/*.ts`],
  rules: {
    ...bans(
      [['vscode'], `${dir} is ${why}: no vscode.`],
      [nodeBuiltins, `${dir} is ${why}: no node.`],
      [['mathjs', 'mathjs/*'], `${dir} is ${why}: no mathjs.`],
    ),
    'no-restricted-globals': [
      'error',
      ...domGlobals.map((name) => ({ name, message: `${dir} has no DOM and no node globals.` })),
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })],
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...bans(
        [['vscode'], 'src/core is pure: the extension turns core data into vscode objects (src/extension/convert.ts).'],
        [nodeBuiltins, 'src/core is pure: no node APIs (the CLI, the worker and the extension do I/O).'],
      ),
      'no-restricted-globals': [
        'error',
        ...domGlobals.map((name) => ({ name, message: 'src/core is pure: no DOM and no node globals.' })),
      ],
    },
  },
  sharedLayer('src/protocol', 'plain data shared by host, worker and webview'),
  sharedLayer('src/format', 'shared by every layer, the webview included'),
  {
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: bans(
      [['mathjs', 'mathjs/*'], 'The webview only draws: it never parses user text (no mathjs in its bundle).'],
      [
        ['**/src/core', '**/src/core/**', '**/core/**'],
        'The webview only draws: it gets numbers through src/protocol, never the core.',
      ],
      [['vscode'], 'The webview runs in a browser: talk to the host through acquireVsCodeApi() and src/protocol.'],
      [nodeBuiltins, 'The webview runs in a browser: no node modules.'],
    ),
  },
);

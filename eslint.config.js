// Lint rules, including the layer rule: dependencies point down only (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const drivers = ['better-sqlite3', 'pg', 'pg-*'];

/** Forbid imports of the named src/ folders from the files of one layer. */
function layer(files, forbiddenFolders, extra = []) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbiddenFolders.map((folder) => ({
              group: [`**/${folder}/*`, `**/${folder}`],
              message: `Layer rule: this layer may not depend on src/${folder} (see docs/architecture.md).`,
            })),
            ...extra,
          ],
        },
      ],
    },
  };
}

const driverRule = {
  group: drivers,
  message: 'Database drivers are used only under src/store/.',
};
const above = ['http', 'gateway', 'cli', 'web'];
const products = ['wallet', 'trades', 'settlement', 'notify', 'identity', 'bank'];

export default tseslint.config(
  { ignores: ['.tmp/', 'dist/', 'node_modules/', 'data/', 'web/dist/', 'test-artifacts/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(round|floor|ceil)$/] > MemberExpression[property.name=/amount/i]",
          message: 'Money is bigint: no Math rounding of amounts.',
        },
      ],
    },
  },
  {
    // The web app runs in the browser and talks to the server over HTTP only.
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', localStorage: 'readonly', sessionStorage: 'readonly', fetch: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', Headers: 'readonly', Response: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', DOMException: 'readonly', crypto: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', IntersectionObserver: 'readonly', HTMLElement: 'readonly', HTMLDivElement: 'readonly', Image: 'readonly' },
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/*', '../../src/**', '../../../src/**'], message: 'The web app talks to the server over the HTTP API only.' }] }],
    },
  },
  layer(['src/money/**'], ['ledger', 'store', 'platform', ...products, ...above], [driverRule]),
  layer(['src/ledger/**'], ['store', 'platform', ...products, ...above], [driverRule]),
  layer(['src/platform/**'], ['store', ...products, ...above], [driverRule]),
  layer(['src/store/**'], [...products, ...above]),
  layer(['src/identity/**', 'src/bank/**', 'src/wallet/**', 'src/trades/**', 'src/settlement/**', 'src/notify/**'], [...above, 'store/sqlite', 'store/postgres'], [driverRule]),
);

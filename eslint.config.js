// Flat ESLint config. Non type-checked rules only, so `npm run lint` stays fast; the type checker
// (`npm run typecheck`) already covers what the type-aware rules would add.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Server and web share code only through src/contracts (see docs/ARCHITECTURE.md).
// Relative paths only, so package subpaths like `react-dom/server` or `node:stream/web` stay allowed.
const serverImport = '^(\\.\\./)+(src/)?server(/|$)|^(/|@/|src/)(src/)?server(/|$)';
const webImport = '^(\\.\\./)+(src/)?web(/|$)|^(/|@/|src/)(src/)?web(/|$)';
const restrict = (regexes, message) => ({
  'no-restricted-imports': ['error', { patterns: regexes.map((regex) => ({ regex, message })) }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'drizzle/**',
      'node_modules/**',
      'coverage/**',
      '.tmp/**',
      'e2e/.artifacts/**',
      'bench/.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Empty catch blocks with a comment are a deliberate "already gone / best effort".
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...restrict([serverImport], 'The web app shares code with the server only through src/contracts.'),
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict([webImport], 'The server shares code with the web app only through src/contracts.'),
  },
  {
    files: ['src/contracts/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: restrict([serverImport, webImport], 'src/contracts imports nothing from server/ or web/.'),
  },
  {
    // Page scripts evaluated in the browser by e2e specs.
    files: ['e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);

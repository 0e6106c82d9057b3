// ESLint (flat config) with typescript-eslint: `npm run lint`, part of `npm test`.
// Syntax-level rules only (no type information), so it stays fast on a 2-core CI machine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/out/**', 'bench/node_modules/**', 'tools/node_modules/**', 'server/src/engine/generated/**', 'test-results/**', '.cache/**', 'demo-out/**', 'test/fixtures/**', 'test/e2e/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // CommonJS bundles: a lazy require() keeps a module off the start-up path (the CLI, the client).
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-control-regex': 'off', // control characters are what the input checks look for
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'max-len': ['error', { code: 160, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreComments: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', URL: 'readonly' } },
  },
);

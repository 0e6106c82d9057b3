// ESLint (flat config) with typescript-eslint: `npm run lint`, part of `npm test`.
// Syntax-level rules only (no type information), so it stays fast on a 2-core CI machine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'bench/out/**',
      'bench/node_modules/**',
      'tools/node_modules/**',
      'server/src/engine/generated/**',
      'test-results/**',
      '.cache/**',
      'demo-out/**',
      'test/fixtures/**',
      'test/e2e/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // CommonJS bundles: a lazy require() keeps a module off the start-up path (the CLI, the client).
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-control-regex': 'off', // control characters are what the input checks look for
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Prettier wraps code at 120; this catches the comments and strings it cannot wrap. Schema
      // annotations (`@pattern`, `@items`) are copied from the standards and stay on one line.
      'max-len': [
        'error',
        {
          code: 160,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreComments: false,
          ignorePattern: '^\\s*\\* @(pattern|items) ',
        },
      ],
    },
  },
  {
    // JSON Schema patches walk untyped JSON; tests and benchmarks poke at protocol answers.
    files: ['server/src/formats/*.patch.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
      },
    },
  },
);

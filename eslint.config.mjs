// Lint guards two things the compiler cannot: promises nobody awaits, and the Temporal
// workflow sandbox (workflow code must be deterministic, so no Node built-ins, clocks or I/O).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

const sandbox = 'Workflow code runs in a deterministic sandbox: no Node built-ins (types only).';
const noData = 'Workflows decide, activities act: workflows see data by id only.';
const typesOnly = 'Workflows import activity types only (import type { Activities }).';

/**
 * The workflow sandbox, enforced where the code is written (the bundle would fail at worker
 * start, or worse, run non-deterministic code). Type-only imports are allowed everywhere:
 * they vanish from the bundle. Index imports (`../../activities`, `../../lib/db`) are caught
 * as well as deep ones. Exported so test/workflows/lintGuard.test.ts checks the guard itself.
 */
export const workflowGuard = {
  files: ['workflows/**/*.ts'],
  rules: {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: sandbox, allowTypeImports: true })),
          { name: 'knex', message: noData, allowTypeImports: true },
          { name: 'pg', message: noData, allowTypeImports: true },
          { name: 'sharp', message: 'Image work belongs in activities.', allowTypeImports: true },
          { name: 'openai', message: 'Call providers from activities.', allowTypeImports: true },
          { name: 'stripe', message: 'Call providers from activities.', allowTypeImports: true },
          { name: '@temporalio/client', message: 'Workflows use @temporalio/workflow.' },
          { name: '@temporalio/activity', message: 'Workflows use @temporalio/workflow.' },
          { name: '@temporalio/worker', message: 'Workflows use @temporalio/workflow.' },
        ],
        patterns: [
          {
            group: ['@aws-sdk/*', '@koa/*', 'koa', 'pino', 'busboy'],
            message: 'Call providers from activities.',
            allowTypeImports: true,
          },
          {
            group: [
              '**/lib/db',
              '**/lib/db/**',
              '**/lib/storage',
              '**/lib/storage/**',
              '**/lib/config',
              '**/lib/config.*',
              '**/lib/temporal',
              '**/lib/temporal/**',
              '**/lib/log',
              '**/api/**',
              '**/workers/**',
            ],
            message: noData,
            allowTypeImports: true,
          },
          {
            group: ['**/activities', '**/activities/**'],
            message: typesOnly,
            allowTypeImports: true,
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
      { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
      { name: 'process', message: 'Workflow code must not read the environment.' },
      { name: 'fetch', message: 'Network calls belong in activities.' },
      { name: 'require', message: 'Workflow code uses ES imports the bundler can check.' },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'web/dist/**',
      '.data/**',
      '.tools/**',
      'eslint.config.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests read raw rows to assert on them; typing every fixture row would add noise, not safety.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  workflowGuard,
);

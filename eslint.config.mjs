// Lint guards two things the compiler cannot: promises nobody awaits, and the Temporal
// workflow sandbox (workflow code must be deterministic, so no Node built-ins, clocks or I/O).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

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
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'Workflow code runs in a deterministic sandbox.',
            })),
            {
              name: 'knex',
              message: 'Workflows decide, activities act: no database in workflow code.',
            },
            {
              name: 'pg',
              message: 'Workflows decide, activities act: no database in workflow code.',
            },
            { name: 'openai', message: 'Call providers from activities.' },
            { name: 'stripe', message: 'Call providers from activities.' },
            { name: '@temporalio/client', message: 'Workflows use @temporalio/workflow.' },
            { name: '@temporalio/activity', message: 'Workflows use @temporalio/workflow.' },
            { name: '@temporalio/worker', message: 'Workflows use @temporalio/workflow.' },
          ],
          patterns: [
            { group: ['@aws-sdk/*'], message: 'Call providers from activities.' },
            {
              group: ['**/lib/db/**', '**/lib/storage/**', '**/lib/config*'],
              message: 'Workflows see data by id only.',
            },
            {
              group: ['**/activities/*', '!**/activities/types'],
              allowTypeImports: true,
              message: 'Import activity types only.',
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
      ],
    },
  },
);

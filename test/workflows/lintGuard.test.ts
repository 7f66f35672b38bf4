import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

/**
 * The lint guard of the workflow sandbox, checked on the rules themselves: each forbidden
 * import is reported in a file under workflows/, and its type-only form is not.
 */
const ROOT = path.resolve(__dirname, '../..');

async function guardReports(source: string): Promise<string[]> {
  const { workflowGuard } = (await import(path.join(ROOT, 'eslint.config.mjs'))) as {
    workflowGuard: object;
  };
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { '@typescript-eslint': tseslint.plugin },
      },
      workflowGuard,
    ],
  });
  const [result] = await eslint.lintText(source, {
    filePath: path.join(ROOT, 'workflows/intake/probe.ts'),
  });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const forbidden = [
  "import { createActivities } from '../../activities';",
  "import { createIntakeActivities } from '../../activities/intake';",
  "import { withTenant } from '../../lib/db';",
  "import { TABLES } from '../../lib/db/tables';",
  "import { loadConfig } from '../../lib/config';",
  "import { createStorage } from '../../lib/storage';",
  "import { readFileSync } from 'node:fs';",
  "import crypto from 'crypto';",
  "import { Client } from '@temporalio/client';",
  "import knex from 'knex';",
];

test('every forbidden import in workflow code is reported', async () => {
  for (const line of forbidden) {
    const reports = await guardReports(`${line}\nexport const x = 1;\n`);
    assert.equal(reports.length, 1, `${line} -> ${JSON.stringify(reports)}`);
    assert.match(reports[0]!, /^@typescript-eslint\/no-restricted-imports/);
  }
});

test('type-only imports of the same modules pass, and so do the workflow SDK and sibling modules', async () => {
  const reports = await guardReports(
    [
      "import type { Activities } from '../../activities';",
      "import type { Tx } from '../../lib/db';",
      "import type { Readable } from 'node:stream';",
      "import { proxyActivities } from '@temporalio/workflow';",
      "import { intentOf } from './grouping';",
      'export const x = [proxyActivities, intentOf] as unknown as [Activities, Tx, Readable];',
    ].join('\n'),
  );
  assert.deepEqual(reports, []);
});

test('timers, the environment and the network are refused as globals', async () => {
  const reports = await guardReports(
    'setTimeout(() => undefined, 1);\nexport const env = process.env.X;\nvoid fetch("x");\n',
  );
  assert.equal(reports.filter((r) => r.startsWith('no-restricted-globals')).length, 3);
});

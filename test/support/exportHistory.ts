import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { findTool } from '../../scripts/services/tools';

/**
 * A history file as Temporal's own tools write it (`temporal workflow show -o json`), the
 * format test/support/histories.ts reads back for `Worker.runReplayHistories`.
 */
export function exportHistory(workflowId: string, runId?: string): string {
  return execFileSync(
    findTool('temporal'),
    [
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      ...(runId ? ['--run-id', runId] : []),
      '--address',
      process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      '--output',
      'json',
    ],
    { encoding: 'utf8' },
  );
}

/** With `RECORD_HISTORIES=1`, (re)writes a committed history from a finished or waiting run. */
export function recordHistory(file: string, workflowId: string, runId?: string): void {
  if (process.env.RECORD_HISTORIES === '1') writeFileSync(file, exportHistory(workflowId, runId));
}

import { Context } from '@temporalio/activity';

/**
 * The running activity's place in its workflow run: what `meterGenerations` keys a call by,
 * stable across Temporal's retries of one activity and new for the next activity.
 */
export function meterKey(): { runId: string; activityId: string } {
  const info = Context.current().info;
  // Activities run inside a workflow here; a standalone one is keyed by its id alone.
  return { runId: info.workflowExecution?.runId ?? 'standalone', activityId: info.activityId };
}

import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory, TelemetryOptions } from '@temporalio/worker';

/**
 * The worker's metrics are the Temporal runtime's own Prometheus endpoint (task latencies,
 * poll and slot counts, workflow and activity outcomes, sticky cache) plus ours, recorded on
 * the same meter so one scrape reads both: activity failures by type, and publish outcomes.
 */
export function workerTelemetry(bindAddress: string | undefined): TelemetryOptions | undefined {
  if (!bindAddress) return undefined;
  return { metrics: { prometheus: { bindAddress, countersTotalSuffix: true } } };
}

/** Activities that change an agency's WordPress site. */
const PUBLISHING = new Set(['uploadMedia', 'pushProperty', 'updateProperty', 'archiveProperty']);

/** `NotConnected`, `WordPressAuthFailed`, ...: the failure's own type, else the error's name. */
export function failureType(err: unknown): string {
  if (err instanceof ApplicationFailure && err.type) return err.type;
  if (err instanceof Error) return err.name || 'Error';
  return 'unknown';
}

const nonRetryable = (err: unknown) => err instanceof ApplicationFailure && err.nonRetryable;

/**
 * Counts every activity failure by activity and failure type (tags activity_type, namespace
 * and task_queue come from the activity's meter), and each publishing attempt's outcome.
 */
export const activityMetrics: ActivityInterceptorsFactory = (ctx) => {
  const activityType = ctx.info.activityType;
  return {
    inbound: {
      async execute(input, next) {
        try {
          const result = await next(input);
          if (PUBLISHING.has(activityType))
            ctx.metricMeter
              .createCounter('realty_publish_outcomes', '1', 'WordPress publishing attempts')
              .add(1, { outcome: 'succeeded' });
          return result;
        } catch (err) {
          const permanent = nonRetryable(err);
          ctx.metricMeter
            .createCounter('realty_activity_failures', '1', 'Activity attempts that failed')
            .add(1, { failure_type: failureType(err), non_retryable: String(permanent) });
          if (PUBLISHING.has(activityType))
            ctx.metricMeter
              .createCounter('realty_publish_outcomes', '1', 'WordPress publishing attempts')
              .add(1, { outcome: permanent ? 'failed_for_good' : 'failed_will_retry' });
          throw err;
        }
      },
    },
  };
};

import { Client, Connection } from '@temporalio/client';
import type { z } from 'zod';
import type { TemporalConfig } from '../config';
import type { PayloadCodec } from '@temporalio/common';
import { temporalConnectionOptions, temporalPayloadCodec } from './connection';
import { installTracing } from '../metrics/tracing';

export interface TemporalHandle {
  connection: Connection;
  client: Client;
  namespace: string;
  /** The payload encryption codec, when a keyring is configured (the codec endpoint serves it). */
  payloadCodec?: PayloadCodec;
  close(): Promise<void>;
}

/**
 * One Temporal client per process. The connection is lazy: the API must boot and keep
 * accepting webhooks while Temporal is down (the rows wait as `pending`); calls fail fast
 * and `/readyz` reports it.
 */
export function createTemporal(config: z.infer<typeof TemporalConfig>): TemporalHandle {
  const connection = Connection.lazy(temporalConnectionOptions(config));
  const payloadCodec = temporalPayloadCodec(config);
  const tracing = installTracing('realty-api');
  const client = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    ...(payloadCodec ? { dataConverter: { payloadCodecs: [payloadCodec] } } : {}),
    ...(tracing ? { plugins: [tracing.plugin] } : {}),
  });
  return {
    connection,
    client,
    namespace: config.TEMPORAL_NAMESPACE,
    ...(payloadCodec ? { payloadCodec } : {}),
    close: () => connection.close(),
  };
}

/** Asks the frontend whether it serves; false on any failure or after `timeoutMs`. */
export async function temporalIsServing(
  temporal: TemporalHandle,
  timeoutMs = 2000,
): Promise<boolean> {
  try {
    await temporal.connection.withDeadline(Date.now() + timeoutMs, () =>
      temporal.connection.workflowService.getSystemInfo({}),
    );
    return true;
  } catch {
    return false;
  }
}

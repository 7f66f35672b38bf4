import { Client, Connection } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { TemporalConfig } from '../config';

export interface TemporalHandle {
  connection: Connection;
  client: Client;
  namespace: string;
  close(): Promise<void>;
}

function connectionOptions(config: z.infer<typeof TemporalConfig>) {
  const mtls =
    config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
      ? {
          clientCertPair: {
            crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH),
            key: readFileSync(config.TEMPORAL_TLS_KEY_PATH),
          },
        }
      : undefined;
  return {
    address: config.TEMPORAL_ADDRESS,
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY, tls: true } : {}),
    ...(mtls ? { tls: mtls } : {}),
  };
}

/**
 * One Temporal client per process. The connection is lazy: the API must boot and keep
 * accepting webhooks while Temporal is down (the rows wait as `pending`); calls fail fast
 * and `/readyz` reports it.
 */
export function createTemporal(config: z.infer<typeof TemporalConfig>): TemporalHandle {
  const connection = Connection.lazy(connectionOptions(config));
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  return {
    connection,
    client,
    namespace: config.TEMPORAL_NAMESPACE,
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

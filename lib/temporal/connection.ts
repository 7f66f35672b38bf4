import { readFileSync } from 'node:fs';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import type { TLSConfig } from '@temporalio/client';
import { createEncryptionCodec } from './codec';
import { parseKeyring } from './keyring';

/**
 * One place that turns configuration into how this process reaches Temporal: the API's client
 * and the worker's native connection take the same address, TLS and API key from here, and the
 * same payload codec, so a setting cannot work for one and be forgotten for the other.
 * (This module imports no @temporalio/worker: the API must not load the worker's native core.)
 */
export interface TemporalConnectionConfig {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_API_KEY?: string | undefined;
  TEMPORAL_TLS?: boolean | undefined;
  TEMPORAL_TLS_CERT_PATH?: string | undefined;
  TEMPORAL_TLS_KEY_PATH?: string | undefined;
  TEMPORAL_TLS_CA_PATH?: string | undefined;
  TEMPORAL_TLS_SERVER_NAME?: string | undefined;
  TEMPORAL_PAYLOAD_KEYS?: string | undefined;
  TEMPORAL_PAYLOAD_KEY_ID?: string | undefined;
}

/** The options both `Connection.lazy` (client) and `NativeConnection.connect` (worker) take. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
}

export class TemporalConfigError extends Error {
  override readonly name = 'TemporalConfigError';
}

type ReadFile = (path: string) => Buffer;

function tlsConfig(config: TemporalConnectionConfig, read: ReadFile): TLSConfig | boolean {
  const { TEMPORAL_TLS_CERT_PATH: cert, TEMPORAL_TLS_KEY_PATH: key } = config;
  if (Boolean(cert) !== Boolean(key))
    throw new TemporalConfigError(
      'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together (mTLS needs both)',
    );
  const tls: TLSConfig = {};
  if (cert && key) tls.clientCertPair = { crt: read(cert), key: read(key) };
  if (config.TEMPORAL_TLS_CA_PATH) tls.serverRootCACertificate = read(config.TEMPORAL_TLS_CA_PATH);
  if (config.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = config.TEMPORAL_TLS_SERVER_NAME;
  const wanted =
    config.TEMPORAL_TLS === true || Boolean(config.TEMPORAL_API_KEY) || Object.keys(tls).length;
  if (!wanted) return false;
  return Object.keys(tls).length ? tls : true;
}

export function temporalConnectionOptions(
  config: TemporalConnectionConfig,
  read: ReadFile = (p) => readFileSync(p),
): TemporalConnectionOptions {
  if (config.TEMPORAL_TLS === false && (config.TEMPORAL_API_KEY || config.TEMPORAL_TLS_CERT_PATH))
    throw new TemporalConfigError(
      'TEMPORAL_TLS=false contradicts TEMPORAL_API_KEY / TEMPORAL_TLS_CERT_PATH, which need TLS',
    );
  const tls = tlsConfig(config, read);
  return {
    address: config.TEMPORAL_ADDRESS,
    ...(tls ? { tls } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}

/** The encryption codec when a keyring is configured; undefined means payloads stay plaintext. */
export function temporalPayloadCodec(config: TemporalConnectionConfig): PayloadCodec | undefined {
  if (!config.TEMPORAL_PAYLOAD_KEYS) return undefined;
  return createEncryptionCodec(
    parseKeyring(config.TEMPORAL_PAYLOAD_KEYS, config.TEMPORAL_PAYLOAD_KEY_ID),
  );
}

/** For `new Client({ dataConverter })`, `Worker.create({ dataConverter })` and replay. */
export function temporalDataConverter(config: TemporalConnectionConfig): DataConverter {
  const codec = temporalPayloadCodec(config);
  return codec ? { payloadCodecs: [codec] } : {};
}

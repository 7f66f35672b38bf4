import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import {
  temporalConnectionOptions,
  temporalDataConverter,
  TemporalConfigError,
} from '../../lib/temporal/connection';
import { TemporalConfig } from '../../lib/config';

const files: Record<string, Buffer> = {
  '/certs/client.pem': Buffer.from('CLIENT CERT'),
  '/certs/client.key': Buffer.from('CLIENT KEY'),
  '/certs/ca.pem': Buffer.from('CA CERT'),
};
const read = (p: string) => {
  const f = files[p];
  if (!f) throw new Error(`ENOENT ${p}`);
  return f;
};
const config = (env: Record<string, string>) => TemporalConfig.parse(env);

test('a local dev server: plain address, no TLS, no API key', () => {
  assert.deepEqual(temporalConnectionOptions(config({}), read), { address: '127.0.0.1:7233' });
});

test('Temporal Cloud with an API key turns TLS on', () => {
  const opts = temporalConnectionOptions(
    config({ TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233', TEMPORAL_API_KEY: 'key-1' }),
    read,
  );
  assert.deepEqual(opts, {
    address: 'eu-west-1.aws.api.temporal.io:7233',
    tls: true,
    apiKey: 'key-1',
  });
});

test('mTLS with a private CA and a server name', () => {
  const opts = temporalConnectionOptions(
    config({
      TEMPORAL_ADDRESS: '10.0.0.5:7233',
      TEMPORAL_TLS_CERT_PATH: '/certs/client.pem',
      TEMPORAL_TLS_KEY_PATH: '/certs/client.key',
      TEMPORAL_TLS_CA_PATH: '/certs/ca.pem',
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    }),
    read,
  );
  assert.deepEqual(opts, {
    address: '10.0.0.5:7233',
    tls: {
      clientCertPair: { crt: files['/certs/client.pem'], key: files['/certs/client.key'] },
      serverRootCACertificate: files['/certs/ca.pem'],
      serverNameOverride: 'temporal.internal',
    },
  });
});

test('TEMPORAL_TLS=true alone uses the system roots', () => {
  assert.equal(temporalConnectionOptions(config({ TEMPORAL_TLS: 'true' }), read).tls, true);
});

test('contradictory settings are refused at boot', () => {
  assert.throws(
    () => temporalConnectionOptions(config({ TEMPORAL_TLS_CERT_PATH: '/certs/client.pem' }), read),
    TemporalConfigError,
  );
  assert.throws(
    () => temporalConnectionOptions(config({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' }), read),
    /contradicts/,
  );
});

test('the data converter carries the encryption codec only when a keyring is set', () => {
  assert.deepEqual(temporalDataConverter(config({})), {});
  const converter = temporalDataConverter(
    config({ TEMPORAL_PAYLOAD_KEYS: `k=${randomBytes(32).toString('base64')}` }),
  );
  assert.equal(converter.payloadCodecs?.length, 1);
});

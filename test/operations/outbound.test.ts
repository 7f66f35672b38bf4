import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type dns from 'node:dns';
import { categorize } from '../../lib/net/addresses';
import {
  createOutboundFetch,
  OutboundError,
  parseOutboundPolicy,
  type OutboundErrorCode,
} from '../../lib/net/outbound';
import { createWordPressClient, WordPressError } from '../../lib/wordpress/client';
import { checkConnection, ConnectionProblem } from '../../lib/wordpress/connection';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';

/** DNS as a hostile operator would arrange it: names that resolve to chosen addresses. */
const ZONE: Record<string, string[]> = {
  'wp.agency.example': ['10.0.0.7'],
  'metadata.agency.example': ['169.254.169.254'],
  'mixed.agency.example': ['93.184.215.14', '192.168.1.20'],
  'v6.agency.example': ['::1'],
  'lan.agency.example': ['127.0.0.1'],
};
const resolve = ((hostname: string, options: unknown, callback: unknown) => {
  const cb = callback as (err: Error | null, addresses: dns.LookupAddress[]) => void;
  const addresses = ZONE[hostname];
  if (!addresses) return cb(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
  cb(
    null,
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
  );
}) as unknown as typeof dns.lookup;

const strict = parseOutboundPolicy(undefined);
const loopbackAllowed = parseOutboundPolicy('loopback');

const refusedWith =
  (code: OutboundErrorCode, category?: string) =>
  (err: unknown): boolean => {
    assert.ok(err instanceof OutboundError, `expected OutboundError, got ${String(err)}`);
    assert.equal(err.code, code);
    if (category) assert.equal(err.details.category, category);
    return true;
  };

test('address categories: private, loopback, link-local, CGNAT, unique-local, metadata', () => {
  const table: Record<string, string> = {
    '10.1.2.3': 'private',
    '172.20.0.1': 'private',
    '192.168.0.10': 'private',
    '127.0.0.1': 'loopback',
    '::1': 'loopback',
    '169.254.169.254': 'metadata',
    'fd00:ec2::254': 'metadata',
    '169.254.1.1': 'link-local',
    'fe80::1': 'link-local',
    '100.64.0.1': 'cgnat',
    'fd12:3456::1': 'unique-local',
    '::ffff:10.0.0.1': 'private',
    '::ffff:7f00:1': 'loopback',
    '0.0.0.0': 'unspecified',
    '224.0.0.1': 'multicast',
    '93.184.215.14': 'public',
    '2606:4700::1111': 'public',
    '172.32.0.1': 'public',
  };
  for (const [address, category] of Object.entries(table))
    assert.equal(categorize(address), category, address);
});

test('the setting names what it allows; anything else stops the process', () => {
  assert.ok(loopbackAllowed.allow.has('loopback'));
  assert.ok(!loopbackAllowed.allow.has('private'));
  assert.ok(!strict.allow.has('loopback'));
  assert.throws(() => parseOutboundPolicy('everything'), /OUTBOUND_ALLOW_PRIVATE/);
});

describe('outbound requests against local servers', () => {
  let server: http.Server;
  let base: string;
  let port: number;
  let hugeBytesWritten = 0;

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/to-private') {
        res.writeHead(302, { location: 'http://wp.agency.example/wp-json' }).end();
      } else if (req.url === '/to-metadata-literal') {
        res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      } else if (req.url === '/to-self') {
        res.writeHead(307, { location: '/ok' }).end();
      } else if (req.url === '/ok') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } else if (req.url?.startsWith('/huge')) {
        // 400 MB, streamed without a length, as a hostile server would.
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const write = () => {
          while (hugeBytesWritten < 400 * 1024 * 1024) {
            hugeBytesWritten += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', write);
          }
          res.end();
        };
        res.on('close', () => undefined);
        write();
      } else if (req.url === '/declared-huge') {
        res.writeHead(200, { 'content-length': String(400 * 1024 * 1024) });
        res.write('{');
      } else if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
      } else {
        res.writeHead(404).end();
      }
    });
    server.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const guarded = (
    policy = loopbackAllowed,
    extra: { maxBodyBytes?: number; timeoutMs?: number } = {},
  ) =>
    createOutboundFetch({
      policy,
      resolve,
      maxBodyBytes: extra.maxBodyBytes ?? 1024 * 1024,
      timeoutMs: extra.timeoutMs ?? 5000,
    });

  test('names resolving to 10.x, the metadata service or [::1] are refused after DNS', async () => {
    const f = guarded(strict);
    await assert.rejects(
      f('http://wp.agency.example/'),
      refusedWith('outbound_address_refused', 'private'),
    );
    await assert.rejects(
      f('http://metadata.agency.example/latest/'),
      refusedWith('outbound_address_refused', 'metadata'),
    );
    await assert.rejects(
      f(`http://v6.agency.example:${port}/ok`),
      refusedWith('outbound_address_refused', 'loopback'),
    );
    // One private address among public ones is enough to refuse (rebinding by round robin).
    await assert.rejects(
      f('http://mixed.agency.example/'),
      refusedWith('outbound_address_refused', 'private'),
    );
  });

  test('IP literals never reach DNS and are checked too', async () => {
    const f = guarded(strict);
    await assert.rejects(
      f('http://169.254.169.254/'),
      refusedWith('outbound_address_refused', 'metadata'),
    );
    await assert.rejects(
      f(`http://[::1]:${port}/ok`),
      refusedWith('outbound_address_refused', 'loopback'),
    );
    await assert.rejects(
      f(`http://0x7f000001:${port}/ok`),
      refusedWith('outbound_address_refused', 'loopback'),
    );
    await assert.rejects(f('file:///etc/passwd'), refusedWith('outbound_scheme_refused'));
  });

  test('loopback is reachable only when the setting allows it', async () => {
    await assert.rejects(
      guarded(strict)(`${base}/ok`),
      refusedWith('outbound_address_refused', 'loopback'),
    );
    const res = await guarded()(`http://lan.agency.example:${port}/ok`);
    assert.deepEqual(await res.json(), { ok: true });
  });

  test('every redirect hop is checked again', async () => {
    const f = guarded();
    await assert.rejects(
      f(`${base}/to-private`),
      refusedWith('outbound_address_refused', 'private'),
    );
    await assert.rejects(
      f(`${base}/to-metadata-literal`),
      refusedWith('outbound_address_refused', 'metadata'),
    );
    const ok = await f(`${base}/to-self`);
    assert.equal(ok.status, 200);
    // Manual mode hands the 3xx back untouched (the WordPress client refuses redirects itself).
    const manual = await f(`${base}/to-private`, { redirect: 'manual' });
    assert.equal(manual.status, 302);
  });

  test('a 400 MB answer is cut at the cap, not buffered', async () => {
    const res = await guarded(loopbackAllowed, { maxBodyBytes: 1024 * 1024 })(`${base}/huge`);
    await assert.rejects(res.text(), refusedWith('outbound_body_too_large'));
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(
      hugeBytesWritten < 64 * 1024 * 1024,
      `the server could write only a little past the cap (wrote ${hugeBytesWritten} bytes)`,
    );
    await assert.rejects(
      guarded(loopbackAllowed, { maxBodyBytes: 1024 * 1024 })(`${base}/declared-huge`),
      refusedWith('outbound_body_too_large'),
    );
  });

  test('a server that stalls mid-answer times out with its own code', async () => {
    const res = await guarded(loopbackAllowed, { timeoutMs: 300 })(`${base}/stall`);
    await assert.rejects(res.text(), refusedWith('outbound_timeout'));
  });

  test('the WordPress client reports refusals with a precise, non-retryable code', async () => {
    const client = createWordPressClient(
      { baseUrl: 'http://wp.agency.example', username: 'ops', applicationPassword: 'x'.repeat(24) },
      { fetch: guarded(strict) },
    );
    await assert.rejects(client.get('/wp/v2/users/me'), (err: unknown) => {
      assert.ok(err instanceof WordPressError);
      assert.equal(err.code, 'outbound_address_refused');
      assert.equal(err.retryable, false, 'publishing must not retry a refused address forever');
      assert.equal(err.details.data?.category, 'private');
      return true;
    });
    await assert.rejects(checkConnection(client, 'posts'), (err: unknown) => {
      assert.ok(err instanceof ConnectionProblem);
      assert.equal(err.code, 'wordpress_address_refused');
      return true;
    });
    const huge = createWordPressClient(
      { baseUrl: `${base}/huge`, username: 'ops', applicationPassword: 'x'.repeat(24) },
      { fetch: guarded(loopbackAllowed, { maxBodyBytes: 256 * 1024 }) },
    );
    await assert.rejects(huge.get('/wp/v2/users/me'), (err: unknown) => {
      assert.ok(err instanceof WordPressError);
      assert.equal(err.code, 'outbound_body_too_large');
      assert.equal(err.retryable, false);
      return true;
    });
  });
});

describe('connecting a WordPress site at a private address', () => {
  let db: TestDatabase;
  let api: TestApi;
  before(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db);
  });
  after(async () => {
    await api.close();
    await db.drop();
  });

  test('is refused with 422 wordpress_address_refused, nothing stored', async () => {
    const owner = await signUp(api, 'Guarded Homes');
    for (const [baseUrl, category] of [
      ['http://10.0.0.5', 'private'],
      ['http://169.254.169.254', 'metadata'],
      ['http://[fd00::5]', 'unique-local'],
    ] as const) {
      const res = await api.request('POST', '/v1/wordpress-sites', {
        token: owner.token,
        body: { baseUrl, username: 'admin', applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' },
      });
      assert.equal(res.status, 422, baseUrl);
      assert.equal(res.body.error.code, 'wordpress_address_refused', baseUrl);
      assert.match(res.body.error.message, new RegExp(category));
    }
    const list = await api.request('GET', '/v1/wordpress-sites', { token: owner.token });
    assert.deepEqual(list.body.data, []);
  });
});

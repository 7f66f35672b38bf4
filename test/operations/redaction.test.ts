import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../lib/log';
import { WordPressError } from '../../lib/wordpress/client';

function capture() {
  const lines: string[] = [];
  const log = createLogger({
    level: 'debug',
    name: 'redaction-test',
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { log, text: () => lines.join(''), json: () => lines.map((l) => JSON.parse(l)) };
}

const secret = () => randomBytes(12).toString('hex');

test('credentials are censored at any depth; the rest of the line survives', () => {
  const { log, text, json } = capture();
  const s = {
    bearer: secret(),
    cookie: secret(),
    appPassword: secret(),
    appSecret: secret(),
    refresh: secret(),
    apiKey: secret(),
    jwt: secret(),
    dbPassword: secret(),
  };
  log.info(
    {
      req: {
        method: 'POST',
        headers: {
          authorization: `Bearer ${s.bearer}`,
          cookie: `ra_session=${s.cookie}`,
          'x-hub-signature-256': `sha256=${s.appSecret}`,
        },
      },
      site: { baseUrl: 'https://agency.example', applicationPassword: s.appPassword },
      body: { refreshToken: s.refresh, password: s.refresh, email: 'owner@agency.example' },
      usage: { inputTokens: 812, outputTokens: 120 },
      config: {
        WHATSAPP_APP_SECRET: s.appSecret,
        OPENAI_API_KEY: s.apiKey,
        JWT_SECRET: s.jwt,
        DATABASE_URL: `postgres://app:${s.dbPassword}@db/realty`,
        PORT: 3000,
      },
      deep: { a: { b: { c: { clientSecret: s.appSecret } } } },
      list: [{ token: s.bearer }],
    },
    'request',
  );
  const out = text();
  for (const [name, value] of Object.entries(s))
    assert.ok(!out.includes(value), `${name} leaked into: ${out}`);
  const [line] = json();
  assert.equal(line.req.headers.authorization, '[redacted]');
  assert.equal(line.site.applicationPassword, '[redacted]');
  assert.equal(line.deep.a.b.c.clientSecret, '[redacted]');
  assert.equal(line.list[0].token, '[redacted]');
  // Not secrets: kept as they were.
  assert.equal(line.req.method, 'POST');
  assert.equal(line.site.baseUrl, 'https://agency.example');
  assert.equal(line.body.email, 'owner@agency.example');
  assert.deepEqual(line.usage, { inputTokens: 812, outputTokens: 120 });
  assert.equal(line.config.PORT, 3000);
});

test('an error carrying request headers is logged without them, with its message and stack', () => {
  const { log, text, json } = capture();
  const bearer = secret();
  const err = Object.assign(
    new WordPressError(503, undefined, 'site down', { method: 'GET', route: '/wp/v2/media' }),
    {
      request: { headers: { Authorization: `Basic ${bearer}` } },
    },
  );
  log.error({ err }, 'publish failed');
  assert.ok(!text().includes(bearer));
  const [line] = json();
  assert.equal(line.err.message, 'site down');
  assert.match(line.err.stack, /WordPressError|site down/);
  assert.equal(line.err.request.headers.Authorization, '[redacted]');
});

test('the logged object itself is not changed (callers keep using it)', () => {
  const { log } = capture();
  const headers = { authorization: 'Bearer keep-me' };
  log.info({ headers }, 'x');
  assert.equal(headers.authorization, 'Bearer keep-me');
});

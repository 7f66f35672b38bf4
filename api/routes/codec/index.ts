import Router from '@koa/router';
import { timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { readRawBody } from '../../middleware/jsonBody';
import { AppError, BadRequestError, UnauthorizedError, ValidationError } from '../../errors';
import { PayloadCodecError } from '../../../lib/temporal/codec';

/**
 * The Temporal UI's (and CLI's `--codec-endpoint`) remote codec: POST /codec/decode and
 * /codec/encode take `{ payloads: [{ metadata: { k: base64 }, data: base64 }] }` and answer the
 * same shape. Ops read customer data with it, so it is authenticated: the bearer token
 * TEMPORAL_CODEC_TOKEN (the CLI's `--codec-auth "Bearer ..."`, or the UI's pass-access-token
 * behind an SSO proxy). Only in development, without a token, does it answer loopback callers
 * unauthenticated, so the dev server's UI (which sends no credentials) shows decrypted payloads.
 * Browsers call it cross-origin from the UI: CORS for the configured UI origins only.
 */
const WirePayload = z.object({
  metadata: z.record(z.string(), z.string()).optional(),
  data: z.string().optional(),
});
export const WireBody = z.object({ payloads: z.array(WirePayload).max(1000) });
type WirePayload = z.infer<typeof WirePayload>;

const BODY_LIMIT = '8mb';

const fromWire = (p: WirePayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function authorize(deps: ApiDeps): Middleware<AppState> {
  const token = deps.config.TEMPORAL_CODEC_TOKEN;
  const devOpen = !token && deps.config.NODE_ENV === 'development';
  return async (ctx, next) => {
    if (devOpen && LOOPBACK.has(ctx.req.socket.remoteAddress ?? '')) {
      await next();
      return;
    }
    if (!token)
      throw new AppError(
        403,
        'codec_endpoint_closed',
        'The codec endpoint needs TEMPORAL_CODEC_TOKEN to be configured',
      );
    const header = ctx.get('Authorization');
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (!given || !sameSecret(given, token))
      throw new UnauthorizedError('codec_unauthorized', 'A valid ops bearer token is required');
    await next();
  };
}

function cors(origins: string[]): Middleware<AppState> {
  const allowed = new Set(origins);
  return async (ctx, next) => {
    ctx.vary('Origin');
    const origin = ctx.get('Origin');
    if (origin && allowed.has(origin)) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Allow-Credentials', 'true');
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'POST, OPTIONS');
      ctx.set('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Namespace');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    await next();
  };
}

function handle(
  deps: ApiDeps,
  run: (codec: PayloadCodec, payloads: Payload[]) => Promise<Payload[]>,
): Middleware<AppState> {
  return async (ctx) => {
    const codec = deps.temporal.payloadCodec;
    if (!codec)
      throw new AppError(
        404,
        'codec_not_configured',
        'Payload encryption is off (TEMPORAL_PAYLOAD_KEYS is unset)',
      );
    let json: unknown;
    try {
      json = JSON.parse((await readRawBody(ctx, BODY_LIMIT)).toString('utf8'));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new BadRequestError('invalid_json', 'The request body is not valid JSON');
    }
    const parsed = WireBody.safeParse(json);
    if (!parsed.success)
      throw new ValidationError(
        Object.fromEntries(
          parsed.error.issues.map((i) => [`/${i.path.join('/')}`, i.message] as const),
        ),
      );
    let out: Payload[];
    try {
      out = await run(codec, parsed.data.payloads.map(fromWire));
    } catch (err) {
      if (err instanceof PayloadCodecError) throw new AppError(422, err.code, err.message);
      throw err;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { payloads: out.map(toWire) };
  };
}

export function codecRouter(deps: ApiDeps): Router<AppState> {
  const origins = deps.config.TEMPORAL_CODEC_CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const router = new Router<AppState>({ prefix: '/codec' });
  router.use(cors(origins));
  router.options('/{*path}', () => undefined);
  router.post(
    '/decode',
    authorize(deps),
    handle(deps, (codec, payloads) => codec.decode(payloads)),
  );
  router.post(
    '/encode',
    authorize(deps),
    handle(deps, (codec, payloads) => codec.encode(payloads)),
  );
  return router;
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { extractListing } from '../../lib/ai/extraction';
import { composeCopy } from '../../lib/ai/local/copy/compose';
import { LanguageSchema, type Listing } from '../../lib/domain/listing';

/**
 * A stand-in for the OpenAI Chat Completions API (`POST /v1/chat/completions`), speaking its
 * wire format: real response envelopes with usage, refusals, 429 with Retry-After and
 * rate-limit headers, 500 with OpenAI's error body. It checks what a real server would
 * reject and what our provider promises: a bearer key, a strict `json_schema` response format
 * whose objects list every property as required, and image parts that are JPEG data URLs.
 * A request that breaks the contract gets OpenAI's 400 and is recorded in `violations`.
 *
 * Answers come from handlers per schema name; the defaults answer like a competent model
 * (extraction quotes the message's own words, copy states only the listing's facts).
 */

export interface RecordedRequest {
  /** When it arrived (ms since epoch): retry delays are measured between requests. */
  at: number;
  schema: string;
  model: string;
  body: any;
  images: Array<{ url: string; detail?: string; bytes?: number }>;
  userText: string;
}

type Failure = { status: 429 | 500 | 401; retryAfter?: string } | 'refusal' | 'bad_json';
type Handler = (request: RecordedRequest) => unknown;

export interface OpenAIDouble {
  baseUrl: string;
  apiKey: string;
  requests: RecordedRequest[];
  violations: string[];
  /** Answers requests of one schema (`listing_extraction`, `photo_description`, `listing_copy`). */
  answer(schema: string, handler: Handler): void;
  /** The next `count` requests of `schema` fail this way. */
  failNext(schema: string, failure: Failure, count?: number): void;
  close(): Promise<void>;
}

const MODEL_VERSION = 'gpt-4o-mini-2024-07-18';

export async function startOpenAIDouble(): Promise<OpenAIDouble> {
  const apiKey = `sk-test-${randomBytes(12).toString('hex')}`;
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const handlers = new Map<string, Handler>(Object.entries(DEFAULT_HANDLERS));
  const failures: Array<{ schema: string; failure: Failure; left: number }> = [];

  const json = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-request-id': `req_${randomBytes(8).toString('hex')}`,
      ...headers,
    });
    res.end(JSON.stringify(body));
  };
  const error = (
    message: string,
    type: string,
    code: string | null,
    param: string | null = null,
  ) => ({
    error: { message, type, param, code },
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        return json(
          res,
          404,
          error(`Invalid URL (${req.method} ${req.url})`, 'invalid_request_error', null),
        );
      }
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        return json(
          res,
          401,
          error('Incorrect API key provided: sk-***.', 'invalid_request_error', 'invalid_api_key'),
        );
      }
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return json(
          res,
          400,
          error('We could not parse the JSON body of your request.', 'invalid_request_error', null),
        );
      }
      const problems = contractProblems(body);
      const recorded: RecordedRequest = {
        at: Date.now(),
        schema: body?.response_format?.json_schema?.name ?? '',
        model: body?.model ?? '',
        body,
        images: imagesOf(body),
        userText: userTextOf(body),
      };
      requests.push(recorded);
      if (problems.length) {
        violations.push(...problems);
        return json(
          res,
          400,
          error(problems.join('; '), 'invalid_request_error', null, 'response_format'),
        );
      }

      const failure = failures.find((f) => f.schema === recorded.schema && f.left > 0);
      if (failure) failure.left -= 1;
      const f = failure?.failure;
      if (f && f !== 'refusal' && f !== 'bad_json') {
        if (f.status === 429) {
          return json(
            res,
            429,
            error(
              `Rate limit reached for gpt-4o-mini in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${f.retryAfter ?? '1'}s.`,
              'requests',
              'rate_limit_exceeded',
            ),
            {
              'retry-after': f.retryAfter ?? '1',
              'x-ratelimit-limit-requests': '3',
              'x-ratelimit-remaining-requests': '0',
              'x-ratelimit-reset-requests': `${f.retryAfter ?? '1'}s`,
            },
          );
        }
        if (f.status === 401) {
          return json(
            res,
            401,
            error(
              'Incorrect API key provided: sk-***.',
              'invalid_request_error',
              'invalid_api_key',
            ),
          );
        }
        return json(
          res,
          500,
          error(
            'The server had an error while processing your request. Sorry about that!',
            'server_error',
            null,
          ),
        );
      }
      let content: string | null = null;
      let refusal: string | null = null;
      if (f === 'refusal') refusal = "I'm sorry, but I can't assist with that request.";
      else if (f === 'bad_json') content = '{"title": "unterminated';
      else {
        const handler = handlers.get(recorded.schema);
        if (!handler) {
          return json(
            res,
            400,
            error(`No answer for schema ${recorded.schema}`, 'invalid_request_error', null),
          );
        }
        content = JSON.stringify(handler(recorded));
      }
      const promptTokens = Math.ceil(Buffer.concat(chunks).length / 4);
      const completionTokens = Math.ceil((content ?? refusal ?? '').length / 4);
      return json(res, 200, {
        id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: MODEL_VERSION,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal, annotations: [] },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
        service_tier: 'default',
        system_fingerprint: 'fp_0ba0d124f1',
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return {
    baseUrl,
    apiKey,
    requests,
    violations,
    answer: (schema, handler) => handlers.set(schema, handler),
    failNext: (schema, failure, count = 1) => failures.push({ schema, failure, left: count }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What OpenAI's strict structured outputs require, and what our provider promises. */
function contractProblems(body: any): string[] {
  const problems: string[] = [];
  if (typeof body?.model !== 'string' || !body.model) problems.push('model is required');
  if (!Array.isArray(body?.messages) || body.messages.length === 0)
    problems.push('messages must be a non-empty array');
  const format = body?.response_format;
  if (format?.type !== 'json_schema') problems.push('response_format.type must be json_schema');
  const spec = format?.json_schema;
  if (!spec?.name || !/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name))
    problems.push('json_schema.name is invalid');
  if (spec?.strict !== true) problems.push('json_schema.strict must be true');
  if (spec?.schema?.type !== 'object') problems.push('the root schema must be an object');
  else strictObjects(spec.schema, '#', problems);
  for (const image of imagesOf(body)) {
    if (image.url.startsWith('data:')) {
      const m = /^data:image\/jpeg;base64,([A-Za-z0-9+/=]+)$/.exec(image.url);
      const bytes = m ? Buffer.from(m[1]!, 'base64') : undefined;
      if (!bytes || bytes[0] !== 0xff || bytes[1] !== 0xd8)
        problems.push('image_url is not a JPEG data URL');
    } else if (!/^https?:\/\//.test(image.url)) {
      problems.push('image_url.url must be a data URL or an http(s) URL');
    }
  }
  return problems;
}

function strictObjects(schema: any, path: string, problems: string[]): void {
  if (!schema || typeof schema !== 'object') return;
  if (schema.type === 'object' || schema.properties) {
    const keys = Object.keys(schema.properties ?? {});
    const required = new Set<string>(schema.required ?? []);
    if (schema.additionalProperties !== false)
      problems.push(`${path}: additionalProperties must be false`);
    for (const k of keys) if (!required.has(k)) problems.push(`${path}: ${k} must be required`);
    for (const k of keys) strictObjects(schema.properties[k], `${path}/${k}`, problems);
  }
  for (const sub of schema.anyOf ?? []) strictObjects(sub, `${path}/anyOf`, problems);
  if (schema.items) strictObjects(schema.items, `${path}/items`, problems);
}

function imagesOf(body: any): RecordedRequest['images'] {
  const out: RecordedRequest['images'] = [];
  for (const m of body?.messages ?? []) {
    if (!Array.isArray(m.content)) continue;
    for (const part of m.content) {
      if (part?.type !== 'image_url') continue;
      const url = String(part.image_url?.url ?? '');
      const data = /^data:[^;]+;base64,(.*)$/.exec(url)?.[1];
      out.push({
        url,
        ...(part.image_url?.detail ? { detail: part.image_url.detail } : {}),
        ...(data ? { bytes: Buffer.from(data, 'base64').length } : {}),
      });
    }
  }
  return out;
}

function userTextOf(body: any): string {
  const user = [...(body?.messages ?? [])].reverse().find((m: any) => m.role === 'user');
  if (!user) return '';
  if (typeof user.content === 'string') return user.content;
  return (user.content ?? [])
    .filter((p: any) => p.type === 'text')
    .map((p: any) => p.text)
    .join('\n');
}

/** Answers a careful model would give, in the wire shapes our schemas ask for. */
const DEFAULT_HANDLERS: Record<string, Handler> = {
  listing_extraction: (r) => {
    const text = r.userText.replace(/^[\s\S]*?Message:\n/, '');
    const extraction = extractListing(text);
    const fields: Record<string, unknown> = {};
    const { Features, ...scalars } = extraction.fields;
    for (const [name, f] of Object.entries(scalars)) {
      fields[name] = f.evidence
        ? { value: f.value, quote: f.evidence.text, confidence: 0.9 }
        : null;
    }
    for (const name of SCALAR_FIELDS) fields[name] ??= null;
    fields.Features = (Features ?? []).map((f) => ({
      value: f.value,
      quote: f.evidence?.text ?? '',
      confidence: 0.8,
    }));
    return { language: extraction.language, fields };
  },
  photo_description: () => ({
    room_tag: 'living_room',
    caption: 'Bright living room with large windows',
    confidence: 0.82,
  }),
  listing_copy: (r) => {
    const listing = JSON.parse(r.userText).listing as Listing;
    const system = String(r.body.messages[0]?.content ?? '');
    const language = /in (Spanish)/.test(system)
      ? 'es'
      : /in (Portuguese)/.test(system)
        ? 'pt'
        : /in (Arabic)/.test(system)
          ? 'ar'
          : 'en';
    return composeCopy(listing, LanguageSchema.parse(language));
  },
};

const SCALAR_FIELDS = [
  'ListPrice',
  'Currency',
  'ListingType',
  'RentPeriod',
  'PropertyType',
  'PropertySubType',
  'BedroomsTotal',
  'BathroomsTotalInteger',
  'BathroomsHalf',
  'LivingArea',
  'LivingAreaUnits',
  'LotSizeArea',
  'LotSizeUnits',
  'YearBuilt',
  'ParkingTotal',
  'UnparsedAddress',
  'City',
  'StateOrProvince',
  'PostalCode',
  'Country',
  'Latitude',
  'Longitude',
  'Furnished',
  'PetsAllowed',
];

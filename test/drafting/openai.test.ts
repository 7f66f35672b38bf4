import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { startOpenAIDouble, type OpenAIDouble } from '../support/openaiDouble';
import { createOpenAIProvider } from '../../lib/ai/openai';
import { retryAfter } from '../../lib/ai/openai/errors';
import { AIProviderError } from '../../lib/ai/errors';
import { measurePhoto } from '../../lib/ai/photos/measure';
import { toDraftingFailure } from '../../activities/drafting/failures';
import { createAIProvider, providerNameOf } from '../../lib/ai';
import { sceneJpeg } from '../support/photos';
import type { AIProvider } from '../../lib/ai/provider';
import { listingFieldValues } from '../../lib/domain/listing';

/** The OpenAI provider against the OpenAI-compatible double: requests, answers, failures. */

let openai: OpenAIDouble;
let provider: AIProvider;
before(async () => {
  openai = await startOpenAIDouble();
  provider = createOpenAIProvider({
    apiKey: openai.apiKey,
    baseURL: openai.baseUrl,
    model: 'gpt-4o-mini',
  });
});
after(() => openai.close());

const TEXT = 'Apartamento en venta en Bogotá, 3 habitaciones, 2 baños, 85 m2, $450 millones';

async function failureOf(promise: Promise<unknown>): Promise<AIProviderError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AIProviderError, String(err));
    return err;
  }
  throw new Error('expected a failure');
}

describe('extraction', () => {
  test('strict JSON schema from the listing schema; evidence found in the message', async () => {
    const call = await provider.extract({ text: TEXT, language: 'es', defaultCurrency: 'COP' });
    const request = openai.requests.at(-1)!;
    const spec = request.body.response_format.json_schema;
    assert.equal(spec.name, 'listing_extraction');
    assert.equal(spec.strict, true);
    assert.ok(spec.schema.properties.fields.properties.BathroomsTotalInteger);
    assert.equal(request.body.messages[0].role, 'system');
    assert.deepEqual(openai.violations, []);

    assert.equal(call.model, 'gpt-4o-mini-2024-07-18');
    assert.equal(call.promptVersion, 'openai-2026-11.1');
    assert.ok(
      call.usage &&
        call.usage.totalTokens === call.usage.promptTokens + call.usage.completionTokens,
    );
    const f = call.value.fields;
    assert.equal(call.value.language, 'es');
    assert.equal(f.BedroomsTotal?.value, 3);
    assert.equal(
      TEXT.slice(f.BedroomsTotal.evidence!.start, f.BedroomsTotal.evidence!.end),
      '3 habitaciones',
    );
    assert.equal(f.ListPrice?.value, 450_000_000);
    assert.equal(f.Currency?.value, 'COP');
  });

  test('a value whose quote is not in the message is dropped, never guessed', async () => {
    openai.answer('listing_extraction', () => ({
      language: 'en',
      fields: {
        // Strict outputs carry every field; the ones not stated are null.
        ...Object.fromEntries(Object.keys(listingFieldValues).map((k) => [k, null])),
        ListPrice: { value: 999999, quote: 'USD 999,999', confidence: 0.9 },
        BedroomsTotal: { value: 2, quote: '2 BED', confidence: 0.9 },
        City: { value: 'Nairobi', quote: 'Nairobi', confidence: 0.5 },
        Features: [
          { value: 'gym', quote: 'gym', confidence: 0.8 },
          { value: 'pool', quote: 'swimming pool', confidence: 0.8 },
        ],
      },
    }));
    const text = '2 bed flat in Kilimani, gym';
    const { value } = await provider.extract({ text });
    assert.equal(value.fields.ListPrice, undefined);
    assert.equal(value.fields.City, undefined);
    assert.deepEqual(value.fields.BedroomsTotal?.evidence, { start: 0, end: 5, text: '2 bed' });
    assert.deepEqual(
      value.fields.Features?.map((x) => x.value),
      ['gym'],
    );
  });
});

test('vision: a JPEG data URL by default, a signed URL when configured', async () => {
  const { jpeg, metrics } = await measurePhoto(await sceneJpeg({ seed: 3 }));
  const call = await provider.analysePhoto({
    jpeg,
    metrics,
    language: 'en',
    url: 'https://files.example/p.jpg',
  });
  assert.deepEqual(call.value, {
    roomTag: 'living_room',
    caption: 'Bright living room with large windows',
    confidence: 0.82,
  });
  const sent = openai.requests.at(-1)!;
  assert.equal(sent.schema, 'photo_description');
  assert.equal(sent.images.length, 1);
  assert.equal(sent.images[0]!.bytes, jpeg.length);
  const byUrl = createOpenAIProvider({
    apiKey: openai.apiKey,
    baseURL: openai.baseUrl,
    model: 'gpt-4o-mini',
    imageInput: 'signed_url',
  });
  await byUrl.analysePhoto({ jpeg, metrics, language: 'en', url: 'https://files.example/p.jpg' });
  assert.equal(openai.requests.at(-1)!.images[0]!.url, 'https://files.example/p.jpg');
  assert.deepEqual(openai.violations, []);
});

test('copy: the listing goes in, a copy set in the language comes out', async () => {
  const call = await provider.generateCopy({
    listing: {
      ListPrice: 450000000,
      Currency: 'COP',
      ListingType: 'sale',
      BedroomsTotal: 3,
      UnparsedAddress: 'Calle 93 # 11-26',
    },
    language: 'es',
  });
  assert.match(call.value.title, /3 habitaciones/);
  const request = openai.requests.at(-1)!;
  assert.match(request.body.messages[0].content, /in Spanish/);
  assert.ok(!request.userText.includes('Calle 93'), 'the street address is not sent for copy');
});

describe('failures map onto Temporal', () => {
  test('429: retryable, after the Retry-After', async () => {
    openai.failNext('listing_copy', { status: 429, retryAfter: '7' });
    const err = await failureOf(provider.generateCopy({ listing: {}, language: 'en' }));
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.details.retryAfterMs, 7000);
    const failure = toDraftingFailure(err) as ApplicationFailure;
    assert.ok(failure instanceof ApplicationFailure);
    assert.equal(failure.type, 'AIRateLimited');
    assert.equal(failure.nonRetryable, false);
    assert.equal(failure.nextRetryDelay, 7000);
  });

  test('500 and a dropped connection: retryable', async () => {
    openai.failNext('listing_copy', { status: 500 });
    const err = await failureOf(provider.generateCopy({ listing: {}, language: 'en' }));
    assert.equal(err.kind, 'unavailable');
    assert.equal((toDraftingFailure(err) as ApplicationFailure).nonRetryable, false);
    const down = createOpenAIProvider({
      apiKey: 'k',
      baseURL: 'http://127.0.0.1:1/v1',
      model: 'm',
    });
    assert.equal(
      (await failureOf(down.generateCopy({ listing: {}, language: 'en' }))).kind,
      'unavailable',
    );
  });

  test('a refusal and a bad key: not retryable', async () => {
    openai.failNext('listing_copy', 'refusal');
    const refused = await failureOf(provider.generateCopy({ listing: {}, language: 'en' }));
    assert.equal(refused.kind, 'refused');
    const failure = toDraftingFailure(refused) as ApplicationFailure;
    assert.equal(failure.nonRetryable, true);
    assert.equal(failure.type, 'AIRefused');
    assert.equal(
      failure.message,
      "The model refused: I'm sorry, but I can't assist with that request.",
    );
    const wrongKey = createOpenAIProvider({
      apiKey: 'sk-wrong',
      baseURL: openai.baseUrl,
      model: 'm',
    });
    const auth = await failureOf(wrongKey.generateCopy({ listing: {}, language: 'en' }));
    assert.equal(auth.kind, 'auth');
    assert.equal((toDraftingFailure(auth) as ApplicationFailure).nonRetryable, true);
  });

  test('an answer that is not the schema’s JSON: retryable', async () => {
    openai.failNext('listing_copy', 'bad_json');
    const err = await failureOf(provider.generateCopy({ listing: {}, language: 'en' }));
    assert.equal(err.kind, 'invalid_output');
    assert.equal((toDraftingFailure(err) as ApplicationFailure).nonRetryable, false);
  });

  test('Retry-After in seconds, milliseconds or as a date', () => {
    assert.equal(retryAfter(new Headers({ 'retry-after': '2' })), 2000);
    assert.equal(retryAfter(new Headers({ 'retry-after-ms': '350', 'retry-after': '2' })), 350);
    const now = Date.parse('2026-11-26T12:00:00Z');
    assert.equal(
      retryAfter(new Headers({ 'retry-after': 'Thu, 26 Nov 2026 12:00:05 GMT' }), now),
      5000,
    );
    assert.equal(retryAfter(new Headers()), undefined);
  });
});

test('the provider follows the configuration: local without a key', () => {
  const base = {
    OPENAI_MODEL: 'gpt-4o-mini',
    OPENAI_IMAGE_INPUT: 'data_url',
    OPENAI_TIMEOUT_SECONDS: 60,
  } as const;
  assert.equal(providerNameOf(base), 'local');
  assert.equal(providerNameOf({ ...base, OPENAI_API_KEY: 'sk-x' }), 'openai');
  assert.equal(providerNameOf({ ...base, OPENAI_API_KEY: 'sk-x', AI_PROVIDER: 'local' }), 'local');
  assert.equal(createAIProvider(base).name, 'local');
  assert.equal(createAIProvider({ ...base, OPENAI_API_KEY: 'sk-x' }).name, 'openai');
});

import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { z } from 'zod';
import { CopySetSchema, type CopySet } from '../copy';
import { AIProviderError } from '../errors';
import { ROOM_CAPTIONS } from '../photos/captions';
import type {
  AIProvider,
  CallOptions,
  PhotoDescription,
  ProviderCall,
  TokenUsage,
} from '../provider';
import { toProviderError } from './errors';
import {
  COPY_SYSTEM,
  copyUserMessage,
  EXTRACTION_SYSTEM,
  PHOTO_SYSTEM,
  PROMPT_VERSION,
} from './prompts';
import { ExtractionWireSchema, fromWire, PhotoWireSchema } from './schemas';

/**
 * The OpenAI provider: chat completions with strict structured outputs (JSON schema built from
 * the zod schemas), vision through image parts. Works with OpenAI, Azure OpenAI's v1 endpoint
 * and OpenAI-compatible servers (vLLM, Ollama) through the base URL. No retries in the client:
 * Temporal retries the activity, with the server's Retry-After as the delay.
 */
export interface OpenAIProviderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Model for photos; the text model when unset. */
  visionModel?: string;
  /** Send photos as base64 data URLs (default) or as signed URLs the server fetches itself. */
  imageInput?: 'data_url' | 'signed_url';
  timeoutMs?: number;
}

export function createOpenAIProvider(opts: OpenAIProviderOptions): AIProvider {
  const client = new OpenAI({
    apiKey: opts.apiKey,
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    maxRetries: 0,
    timeout: opts.timeoutMs ?? 60_000,
  });

  async function complete<S extends z.ZodType>(
    schema: S,
    name: string,
    model: string,
    messages: ChatCompletionMessageParam[],
    call: CallOptions | undefined,
  ): Promise<ProviderCall<z.infer<S>>> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await client.chat.completions.create(
        { model, messages, response_format: zodResponseFormat(schema, name) },
        call?.signal ? { signal: call.signal } : {},
      );
    } catch (err) {
      throw toProviderError(err);
    }
    const choice = completion.choices[0];
    if (!choice) throw new AIProviderError('invalid_output', 'The AI server returned no choice');
    const { message, finish_reason: finish } = choice;
    if (message.refusal)
      throw new AIProviderError('refused', `The model refused: ${message.refusal}`);
    if (finish === 'content_filter') {
      throw new AIProviderError('refused', 'The AI server filtered the answer (content_filter)');
    }
    if (finish === 'length') {
      throw new AIProviderError('rejected', 'The answer was cut off at the token limit');
    }
    let json: unknown;
    try {
      json = JSON.parse(message.content ?? '');
    } catch {
      throw new AIProviderError('invalid_output', `The answer to ${name} is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AIProviderError(
        'invalid_output',
        `The answer to ${name} does not match its schema: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    }
    return {
      value: parsed.data,
      model: completion.model || model,
      promptVersion: PROMPT_VERSION,
      usage: usageOf(completion.usage),
    };
  }

  return {
    name: 'openai',

    async extract(request, call) {
      const answer = await complete(
        ExtractionWireSchema,
        'listing_extraction',
        opts.model,
        [
          { role: 'system', content: EXTRACTION_SYSTEM },
          {
            role: 'user',
            content: request.language
              ? `Agency language: ${request.language}\n\nMessage:\n${request.text}`
              : `Message:\n${request.text}`,
          },
        ],
        call,
      );
      let value;
      try {
        value = fromWire(answer.value, request.text, {
          ...(request.defaultCurrency ? { defaultCurrency: request.defaultCurrency } : {}),
        });
      } catch (err) {
        throw new AIProviderError('invalid_output', `Unusable extraction: ${String(err)}`);
      }
      return { ...answer, value };
    },

    async analysePhoto(request, call) {
      const url =
        opts.imageInput === 'signed_url' && request.url
          ? request.url
          : `data:image/jpeg;base64,${request.jpeg.toString('base64')}`;
      const answer = await complete(
        PhotoWireSchema,
        'photo_description',
        opts.visionModel ?? opts.model,
        [
          { role: 'system', content: PHOTO_SYSTEM(request.language) },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Tag and caption this listing photo.' },
              { type: 'image_url', image_url: { url, detail: 'low' } },
            ],
          },
        ],
        call,
      );
      const tag = answer.value.room_tag;
      const caption = answer.value.caption.trim();
      const value: PhotoDescription = {
        roomTag: tag,
        caption: caption || (tag === 'other' ? null : ROOM_CAPTIONS[tag][request.language]),
        confidence: answer.value.confidence,
      };
      return { ...answer, value };
    },

    async generateCopy(request, call): Promise<ProviderCall<CopySet>> {
      return complete(
        CopySetSchema,
        'listing_copy',
        opts.model,
        [
          { role: 'system', content: COPY_SYSTEM(request.language) },
          { role: 'user', content: copyUserMessage(request.listing) },
        ],
        call,
      );
    },
  };
}

function usageOf(usage: OpenAI.Completions.CompletionUsage | undefined): TokenUsage | null {
  if (!usage) return null;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
  };
}

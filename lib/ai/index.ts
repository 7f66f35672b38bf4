import type { z } from 'zod';
import type { AiConfig } from '../config';
import { createLocalProvider } from './local';
import { createOpenAIProvider } from './openai';
import type { AIProvider, ProviderName } from './provider';

export type AiSettings = z.infer<typeof AiConfig>;

/** local unless asked for openai, or unset with a key present (see AiConfig). */
export function providerNameOf(config: AiSettings): ProviderName {
  return config.AI_PROVIDER ?? (config.OPENAI_API_KEY ? 'openai' : 'local');
}

export function createAIProvider(config: AiSettings): AIProvider {
  if (providerNameOf(config) === 'local' || !config.OPENAI_API_KEY) return createLocalProvider();
  return createOpenAIProvider({
    apiKey: config.OPENAI_API_KEY,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    model: config.OPENAI_MODEL,
    ...(config.OPENAI_VISION_MODEL ? { visionModel: config.OPENAI_VISION_MODEL } : {}),
    imageInput: config.OPENAI_IMAGE_INPUT,
    timeoutMs: config.OPENAI_TIMEOUT_SECONDS * 1000,
  });
}

export type { AIProvider, ProviderName } from './provider';

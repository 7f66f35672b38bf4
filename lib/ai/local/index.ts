import { extractListing } from '../extraction';
import type { AIProvider, ProviderCall } from '../provider';
import { composeCopy } from './copy/compose';
import { describePhoto } from './photos';

/**
 * The default provider: deterministic and offline. Extraction is the rule set in
 * lib/ai/extraction, photos are described only as far as image processing supports, copy comes
 * from templates. Bump a version when its output for the same input changes, so drafts say
 * which rules wrote them.
 */
export const LOCAL_MODELS = {
  extract: 'local-rules',
  photos: 'local-sharp',
  copy: 'local-templates',
} as const;
export const LOCAL_PROMPT_VERSION = 'local-2026-11.1';

const call = <T>(value: T, model: string): ProviderCall<T> => ({
  value,
  model,
  promptVersion: LOCAL_PROMPT_VERSION,
  usage: null,
});

export function createLocalProvider(): AIProvider {
  return {
    name: 'local',
    extract: (request) =>
      Promise.resolve(
        call(
          extractListing(request.text, {
            ...(request.language ? { language: request.language } : {}),
            ...(request.defaultCurrency ? { defaultCurrency: request.defaultCurrency } : {}),
          }),
          LOCAL_MODELS.extract,
        ),
      ),
    analysePhoto: (request) => Promise.resolve(call(describePhoto(request), LOCAL_MODELS.photos)),
    generateCopy: (request) =>
      Promise.resolve(call(composeCopy(request.listing, request.language), LOCAL_MODELS.copy)),
  };
}

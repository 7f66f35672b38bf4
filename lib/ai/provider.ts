import type { Extraction, Language, Listing } from '../domain/listing';
import type { PhotoMetrics, RoomTag } from './photos/measure';
import type { CopySet } from './copy';

/**
 * What the drafting activities ask of an AI: read a listing out of the agent's words, say what
 * a photo shows, and write the copy. Two implementations: `local` (deterministic rules and
 * templates, offline, the default) and `openai` (any OpenAI-compatible server). Both return
 * the same shapes, validated by the same zod schemas, so the activities, the checks and the
 * database never know which one ran.
 */
export interface AIProvider {
  readonly name: ProviderName;
  extract(request: ExtractRequest, opts?: CallOptions): Promise<ProviderCall<Extraction>>;
  analysePhoto(request: PhotoRequest, opts?: CallOptions): Promise<ProviderCall<PhotoDescription>>;
  generateCopy(request: CopyRequest, opts?: CallOptions): Promise<ProviderCall<CopySet>>;
}

export type ProviderName = 'local' | 'openai';

export interface CallOptions {
  /** Activities pass `Context.current().cancellationSignal`, so a cancelled activity stops. */
  signal?: AbortSignal;
}

/** A provider's answer with its provenance; every draft stores these three. */
export interface ProviderCall<T> {
  value: T;
  model: string;
  promptVersion: string;
  /** Tokens the call used; null for the local provider, which uses none. */
  usage: TokenUsage | null;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ExtractRequest {
  text: string;
  /** The agency's language, used when the text gives no clear signal. */
  language?: Language;
  /** The agency's currency (ISO 4217), for the Currency field only when the text names none. */
  defaultCurrency?: string;
}

export interface PhotoRequest {
  /** A JPEG of the photo, already downscaled for analysis (never the original upload). */
  jpeg: Buffer;
  /** A signed URL of the same photo, for providers configured to fetch it themselves. */
  url?: string;
  /** What image processing measured; the local provider describes only what these support. */
  metrics: PhotoMetrics;
  /** Language of the caption. */
  language: Language;
}

export interface PhotoDescription {
  /** Null when the provider cannot honestly tell what the photo shows. */
  roomTag: RoomTag | null;
  /** Null: the gallery gives the photo a numbered caption ("Photo 3"). */
  caption: string | null;
  confidence: number;
}

export interface CopyRequest {
  listing: Listing;
  language: Language;
}

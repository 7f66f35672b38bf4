import { z } from 'zod';
import { ErrorBody } from './responses';

/**
 * Error answers as the registry documents them: a status, what it means, and where the API
 * has a fixed set of machine-readable codes for it, those codes (rendered as the enum of
 * `error.code`); 429s also carry Retry-After.
 */
export interface ErrorDoc {
  description: string;
  codes?: readonly string[];
  /** The answer carries a Retry-After header (seconds). */
  retryAfter?: true;
}

export type ErrorDocs = Record<number, string | ErrorDoc>;

/** Too many sign-in, sign-up, refresh or invitation attempts from this address or account. */
export const RATE_LIMITED: ErrorDocs = {
  429: {
    description: 'Too many attempts; wait Retry-After seconds',
    codes: ['rate_limited'],
    retryAfter: true,
  },
};

/** The agency already has its share of uploads or site connections in flight. */
export const CONCURRENCY_LIMITED: ErrorDocs = {
  429: {
    description: 'The agency has as many of these in progress as it may; try again shortly',
    codes: ['concurrency_limit'],
    retryAfter: true,
  },
};

/** The listing's workflow is unreachable: nothing was sent. */
export const TEMPORAL_UNAVAILABLE: ErrorDocs = {
  503: {
    description: 'The workflow service is unreachable; nothing was sent, try again',
    codes: ['temporal_unavailable'],
  },
};

/**
 * A listing command the listing's workflow refused (its status table, workflows/listing/
 * transitions.ts, or a blocking check), or one sent to a workflow that is no longer running.
 */
export function commandRefused(...codes: string[]): ErrorDocs {
  return {
    404: 'Not found',
    409: {
      description: "Refused by the listing's workflow; `status` is the listing's status now",
      codes: [...codes, 'workflow_closed', 'command_refused'],
    },
    ...TEMPORAL_UNAVAILABLE,
  };
}

/** The error body of `doc`: the one error shape, its `code` narrowed to the documented ones. */
export function errorBodyFor(doc: string | ErrorDoc): z.ZodType {
  const codes = typeof doc === 'string' ? undefined : doc.codes;
  if (!codes?.length) return ErrorBody;
  return z.object({
    error: ErrorBody.shape.error.extend({ code: z.enum(codes as [string, ...string[]]) }),
  });
}

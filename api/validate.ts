import type { z } from 'zod';
import { ValidationError } from './errors';
import { normalizeDeep } from '../lib/text/normalize';

/** JSON Pointer of a zod issue path: `["photos", 0, "order"]` -> `/photos/0/order`. */
const pointer = (path: readonly PropertyKey[]) =>
  '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Returns `input` parsed by `schema`, or throws a 422 naming each bad field. Every string is
 * normalised first (NUL removed, lone surrogates replaced, NFC), so no text a client sends can
 * make Postgres refuse the statement and turn the request into a 500.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(normalizeDeep(input));
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[pointer(issue.path)] ??= issue.message;
  throw new ValidationError(fields);
}

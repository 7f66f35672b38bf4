/**
 * Text from WhatsApp, the dashboard and the API reaches Postgres only through here.
 *
 * Postgres refuses a NUL character in `text` and `jsonb`, and a lone UTF-16 surrogate cannot
 * be encoded as UTF-8: either one in a single field used to turn a whole request (or a whole
 * group commit of webhook deliveries) into a 500. Normalising keeps the message: NUL is
 * removed, a lone surrogate becomes U+FFFD, and the text is put in Unicode NFC so the same
 * words compare equal whichever keyboard typed them.
 */
export function normalizeText(text: string): string {
  return text.replaceAll('\u0000', '').toWellFormed().normalize('NFC');
}

/** True when `normalizeText` would change something other than the Unicode form. */
export function hasUnstorableCharacters(text: string): boolean {
  return text.includes('\u0000') || !text.isWellFormed();
}

/** Normalises every string inside a JSON-like value (objects, arrays), keys included. */
export function normalizeDeep<T>(value: T): T {
  if (typeof value === 'string') return normalizeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => normalizeDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [normalizeText(key), normalizeDeep(item)]),
    ) as T;
  }
  return value;
}

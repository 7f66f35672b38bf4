/** Postgres SQLSTATE 23505: a unique constraint refused a duplicate. */
export function isUniqueViolation(err: unknown): err is { code: '23505'; constraint?: string } {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/**
 * Polls `probe` until it returns a value (anything but undefined, null or false), or fails
 * after `timeoutMs` naming what it waited for and the probe's last error. Tests wait on
 * workflows and webhooks this way instead of sleeping a fixed time.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`, { cause: last });
    await new Promise((r) => setTimeout(r, 150));
  }
}

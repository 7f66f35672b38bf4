/**
 * The dashboard's only way to the server: JSON over fetch, signed in by the httpOnly session
 * cookie (the page never holds a token). Requests that change something echo the readable
 * CSRF cookie in `X-CSRF-Token`. A 401 means the session is over: the app shows sign-in. A 402
 * `plan_limit` anywhere shows what to upgrade to.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface PlanLimit {
  message: string;
  limit?: string;
  plan?: string;
  upgrade_to?: string | null;
}

type Listener<T> = (value: T) => void;
const signedOutListeners: Array<Listener<void>> = [];
const planLimitListeners: Array<Listener<PlanLimit>> = [];
export const onSignedOut = (fn: Listener<void>) => signedOutListeners.push(fn);
export const onPlanLimit = (fn: Listener<PlanLimit>) => planLimitListeners.push(fn);

/** `__Host-ra_csrf` outside loopback, `ra_csrf` on it (see api/middleware/session.ts). */
function csrfToken(): string | undefined {
  for (const part of document.cookie.split(/;\s*/)) {
    const [name, ...value] = part.split('=');
    if (name === '__Host-ra_csrf' || name === 'ra_csrf') return value.join('=');
  }
  return undefined;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const csrf = csrfToken();
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; fields?: Record<string, string> } & Record<
      string,
      unknown
    >;
  } & T;
  if (!res.ok) {
    const e = json.error;
    const err = new ApiError(
      res.status,
      e?.code ?? 'unknown',
      e?.message ?? res.statusText,
      e?.fields,
      e ?? {},
    );
    if (res.status === 401 && !path.startsWith('/v1/session'))
      signedOutListeners.forEach((fn) => fn());
    if (res.status === 402 && err.code === 'plan_limit')
      planLimitListeners.forEach((fn) => fn(e as unknown as PlanLimit));
    throw err;
  }
  return json;
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** An error in words: the server's sentence plus, for a 422, what is wrong with which field. */
export function inWords(e: unknown): string {
  if (!isApiError(e)) return 'Something went wrong; check the connection and try again';
  if (e.status === 503) return `${e.message} (the service is busy or down; try again shortly)`;
  const fields = e.fields
    ? Object.entries(e.fields)
        .map(([k, v]) => `${k.replace(/^\//, '') || 'form'}: ${v}`)
        .join('; ')
    : '';
  return fields ? `${e.message}: ${fields}` : e.message;
}

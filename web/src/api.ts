/**
 * The dashboard's only way to the server: JSON over fetch with the access token, refreshed
 * once on `token_expired`. Tokens live in sessionStorage, so closing the tab signs out.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

const ACCESS = 'ra.access';
const REFRESH = 'ra.refresh';

export const session = {
  get signedIn(): boolean {
    return sessionStorage.getItem(ACCESS) !== null;
  },
  save(tokens: { accessToken: string; refreshToken: string }): void {
    sessionStorage.setItem(ACCESS, tokens.accessToken);
    sessionStorage.setItem(REFRESH, tokens.refreshToken);
  },
  clear(): void {
    sessionStorage.removeItem(ACCESS);
    sessionStorage.removeItem(REFRESH);
  },
};

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = sessionStorage.getItem(ACCESS);
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function refresh(): Promise<boolean> {
  const refreshToken = sessionStorage.getItem(REFRESH);
  if (!refreshToken) return false;
  const res = await fetch('/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  if (!res.ok) return false;
  session.save((await res.json()) as { accessToken: string; refreshToken: string });
  return true;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res = await send(method, path, body);
  if (res.status === 401) {
    const err = (await res
      .clone()
      .json()
      .catch(() => ({}))) as { error?: { code?: string } };
    if (err.error?.code === 'token_expired' && (await refresh()))
      res = await send(method, path, body);
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; fields?: Record<string, string> };
  } & T;
  if (!res.ok) {
    if (res.status === 401) session.clear();
    const e = json.error;
    throw new ApiError(res.status, e?.code ?? 'unknown', e?.message ?? res.statusText, e?.fields);
  }
  return json;
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

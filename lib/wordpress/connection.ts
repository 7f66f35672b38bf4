import { WordPressError, type WordPressClient } from './client';
import { PROFILES, PROPERTY_META_KEYS, type MappingProfile } from './mapping';

/**
 * Checks, before a site is saved, that publishing to it can work: the REST API answers, the
 * application password is accepted, the user has the capabilities the profile needs, and (for
 * `property`) the companion plugin is active and registers every field we write. Each failure
 * has its own code and a sentence telling the operator what to change.
 */
export type ConnectionProblemCode =
  | 'wordpress_unreachable'
  | 'wordpress_address_refused'
  | 'wordpress_response_too_large'
  | 'wordpress_auth_failed'
  | 'wordpress_missing_capability'
  | 'wordpress_plugin_missing'
  | 'wordpress_plugin_outdated';

export class ConnectionProblem extends Error {
  constructor(
    readonly code: ConnectionProblemCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface ConnectedUser {
  id: number;
  name: string;
  roles: string[];
}

interface Me {
  id: number;
  name: string;
  roles?: string[];
  capabilities?: Record<string, boolean>;
}

/** Codes WordPress uses when the credentials did not identify anyone. */
const AUTH_CODES = new Set([
  'incorrect_password',
  'invalid_username',
  'invalid_email',
  'rest_not_logged_in',
  'rest_forbidden',
  'rest_forbidden_context',
  'rest_cannot_create',
  'rest_forbidden_status',
  'application_passwords_disabled',
  'application_passwords_disabled_for_user',
]);

/** True when a WordPress error means "these credentials do not work". */
export function isAuthError(err: WordPressError): boolean {
  if (err.status === 401) return true;
  if (err.status === 400 && err.details.nestedCodes?.includes('rest_forbidden_status')) return true;
  return err.status === 403 && err.code !== undefined && AUTH_CODES.has(err.code);
}

export function authMessage(err: WordPressError, site: { baseUrl: string; username: string }) {
  const who = `user "${site.username}" on ${site.baseUrl}`;
  switch (err.code) {
    case 'incorrect_password':
      return `WordPress refused the application password of ${who}. Create a new application password (Users → Profile → Application Passwords) and save it here.`;
    case 'invalid_username':
    case 'invalid_email':
      return `WordPress has no ${who}. Check the username.`;
    case 'application_passwords_disabled':
    case 'application_passwords_disabled_for_user':
      return `Application passwords are turned off for ${who} (a security plugin, or a site without HTTPS). Turn them on, then try again.`;
    default:
      return `WordPress did not accept the credentials of ${who} (${err.status} ${err.code ?? 'no code'}): the application password or the username is wrong, or application passwords are turned off. Create a new application password and save it here.`;
  }
}

function unreachable(err: WordPressError, baseUrl: string): ConnectionProblem {
  if (err.code === 'outbound_address_refused' || err.code === 'outbound_scheme_refused')
    return new ConnectionProblem(
      'wordpress_address_refused',
      `${err.message}. Use the site's public address.`,
      err.details.data ?? {},
    );
  if (err.code === 'outbound_body_too_large')
    return new ConnectionProblem('wordpress_response_too_large', err.message);
  if (err.status === 0) return new ConnectionProblem('wordpress_unreachable', err.message);
  if (err.code === 'redirected') return new ConnectionProblem('wordpress_unreachable', err.message);
  if (err.retryable)
    return new ConnectionProblem(
      'wordpress_unreachable',
      `${baseUrl} answered ${err.status}: the site is having trouble; try again in a moment.`,
    );
  return new ConnectionProblem(
    'wordpress_unreachable',
    `No WordPress REST API answers at ${baseUrl} (${err.status}${err.code ? ` ${err.code}` : ''}). Check the address; the REST API must not be disabled.`,
  );
}

export async function checkConnection(
  client: WordPressClient,
  profile: MappingProfile,
  signal?: AbortSignal,
): Promise<ConnectedUser> {
  const site = { baseUrl: client.baseUrl, username: client.username };
  let me: Me;
  try {
    me = await client.get<Me>('/wp/v2/users/me', { context: 'edit' }, signal);
  } catch (err) {
    if (!(err instanceof WordPressError)) throw err;
    if (isAuthError(err))
      throw new ConnectionProblem('wordpress_auth_failed', authMessage(err, site), {
        wordpressCode: err.code ?? null,
      });
    throw unreachable(err, client.baseUrl);
  }
  if (typeof me?.id !== 'number')
    throw new ConnectionProblem(
      'wordpress_unreachable',
      `${client.baseUrl} answered, but not like WordPress's REST API. Check the address.`,
    );

  const spec = PROFILES[profile];
  const missing = spec.capabilities.filter((c) => me.capabilities?.[c] !== true);
  if (missing.length)
    throw new ConnectionProblem(
      'wordpress_missing_capability',
      `The WordPress user "${client.username}" (${(me.roles ?? []).join(', ') || 'no role'}) cannot ${missing.join(', ')}. Use an Author, Editor or Administrator account.`,
      { missing, roles: me.roles ?? [] },
    );

  if (spec.needsPlugin) await checkPlugin(client, spec.route, signal);
  return { id: me.id, name: me.name, roles: me.roles ?? [] };
}

async function checkPlugin(client: WordPressClient, route: string, signal?: AbortSignal) {
  let described: { schema?: { properties?: { meta?: { properties?: unknown } } } } | unknown[];
  try {
    described = (await client.request<typeof described>('OPTIONS', route, { signal })).body;
  } catch (err) {
    if (err instanceof WordPressError && err.code === 'rest_no_route') described = [];
    else if (err instanceof WordPressError) throw unreachable(err, client.baseUrl);
    else throw err;
  }
  // WordPress answers OPTIONS on a route nobody registered with 200 and `[]`.
  const schema = Array.isArray(described) ? undefined : described?.schema;
  if (!schema)
    throw new ConnectionProblem(
      'wordpress_plugin_missing',
      `${client.baseUrl} has no ${route} route: install and activate the Realty Assistant plugin (wordpress-plugin/realty-assistant), or use the "posts" profile.`,
    );
  const metaProps = schema.properties?.meta?.properties;
  const registered = new Set(
    metaProps && typeof metaProps === 'object' && !Array.isArray(metaProps)
      ? Object.keys(metaProps)
      : [],
  );
  const absent = PROPERTY_META_KEYS.filter((k) => !registered.has(k));
  if (absent.length)
    throw new ConnectionProblem(
      'wordpress_plugin_outdated',
      `The Realty Assistant plugin on ${client.baseUrl} does not register ${absent.join(', ')}: update it to the current version.`,
      { missingFields: absent },
    );
}

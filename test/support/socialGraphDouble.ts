import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Meta's Graph API as Facebook Pages and Instagram's content publishing use it
 * (which cannot run here), speaking the documented request and response shapes:
 * - `GET /me/permissions` -> `{ data: [{ permission, status }] }`
 * - `POST /{page-id}/photos` (url, published=false) -> `{ id }`
 * - `POST /{page-id}/feed` (message, link | attached_media[i]) -> `{ id: "<page>_<post>" }`
 * - `GET /{page-id}/feed`, `GET /{ig-user-id}/media` -> `{ data: [...], paging: {} }`
 * - `POST /{ig-user-id}/media` (image_url | media_type=CAROUSEL&children, caption) -> `{ id }`
 * - `GET /{container-id}?fields=status_code` -> `{ status_code, id }` (IN_PROGRESS, then FINISHED)
 * - `POST /{ig-user-id}/media_publish` (creation_id) -> `{ id }`
 * - `GET /{ig-user-id}/content_publishing_limit` -> `{ data: [{ quota_usage, config }] }`
 * - `GET /{object-id}?fields=permalink_url|permalink`, `DELETE /{object-id}` -> `{ success: true }`
 * Errors are Meta's body: `{ error: { message, type, code, error_subcode, fbtrace_id } }`.
 */
export interface DoublePost {
  id: string;
  platform: 'facebook' | 'instagram';
  accountId: string;
  message: string;
  link?: string;
  photoUrls: string[];
  deleted: boolean;
}

export interface SocialGraphDouble {
  baseUrl: string;
  pageId: string;
  igUserId: string;
  token: string;
  posts: DoublePost[];
  /** Every request as `METHOD /path`. */
  requests: string[];
  /** Permissions `GET /me/permissions` reports as granted. */
  grant(permissions: string[]): void;
  /** The token is expired from now on (code 190, subcode 463). */
  expireToken(): void;
  /** The next `method path` request is carried out, then its connection dropped (a lost answer). */
  loseNextResponse(method: string, path: string): void;
  /** How many status polls a new container answers IN_PROGRESS before FINISHED. */
  containerPolls(count: number): void;
  close(): Promise<void>;
}

const FB_TRACE = 'AbCdEfGhIjK';

export async function startSocialGraphDouble(): Promise<SocialGraphDouble> {
  const pageId = '101234567890123';
  const igUserId = '17841400000000001';
  const token = 'EAAGm0PX4ZCpsBAPageTokenOfTheDouble';
  let granted = [
    'pages_manage_posts',
    'pages_read_engagement',
    'instagram_basic',
    'instagram_content_publish',
  ];
  let expired = false;
  let pollsBeforeFinished = 1;
  const lose = new Set<string>();
  const posts: DoublePost[] = [];
  const requests: string[] = [];
  const photos = new Map<string, string>();
  const containers = new Map<
    string,
    { polls: number; status: string; caption: string; urls: string[]; mediaId?: string }
  >();
  let next = 1000;
  const newId = () => String(next++);

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://graph.local');
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const param = (name: string) => form.get(name) ?? url.searchParams.get(name) ?? undefined;
      const method = req.method ?? 'GET';
      const parts = url.pathname.split('/').filter(Boolean);
      requests.push(`${method} ${url.pathname}`);
      const send = (status: number, body: unknown) => {
        if (lose.delete(`${method} ${url.pathname}`)) {
          req.socket.destroy();
          return;
        }
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const error = (
        status: number,
        message: string,
        type: string,
        code: number,
        subcode?: number,
      ) =>
        send(status, {
          error: {
            message,
            type,
            code,
            ...(subcode ? { error_subcode: subcode } : {}),
            fbtrace_id: FB_TRACE,
          },
        });

      if (req.headers.authorization !== `Bearer ${token}`)
        return error(
          400,
          'Invalid OAuth access token - Cannot parse access token',
          'OAuthException',
          190,
        );
      if (expired)
        return error(
          400,
          'Error validating access token: Session has expired on Thursday, 03-Dec-26 10:00:00 PST.',
          'OAuthException',
          190,
          463,
        );

      const [first, edge] = parts;
      if (first === 'me' && edge === 'permissions' && method === 'GET')
        return send(200, {
          data: granted.map((permission) => ({ permission, status: 'granted' })),
        });

      // Facebook Page
      if (first === pageId && edge === 'photos' && method === 'POST') {
        if (!granted.includes('pages_manage_posts'))
          return error(403, '(#200) Requires pages_manage_posts permission', 'OAuthException', 200);
        const id = newId();
        photos.set(id, param('url') ?? '');
        return send(200, { id, post_id: `${pageId}_${id}` });
      }
      if (first === pageId && edge === 'feed' && method === 'POST') {
        if (!granted.includes('pages_manage_posts'))
          return error(403, '(#200) Requires pages_manage_posts permission', 'OAuthException', 200);
        const attached = [...form.keys()]
          .filter((k) => k.startsWith('attached_media'))
          .map(
            (k) => (JSON.parse(form.get(k) ?? '{}') as { media_fbid?: string }).media_fbid ?? '',
          );
        const id = `${pageId}_${newId()}`;
        posts.push({
          id,
          platform: 'facebook',
          accountId: pageId,
          message: param('message') ?? '',
          link: param('link'),
          photoUrls: attached.map((a) => photos.get(a) ?? ''),
          deleted: false,
        });
        return send(200, { id });
      }
      if (first === pageId && edge === 'feed' && method === 'GET')
        return send(200, {
          data: posts
            .filter((p) => p.platform === 'facebook' && !p.deleted)
            .reverse()
            .map((p) => ({ id: p.id, message: p.message, permalink_url: permalinkOf(p) })),
          paging: {},
        });

      // Instagram
      if (first === igUserId && edge === 'media' && method === 'POST') {
        if (!granted.includes('instagram_content_publish'))
          return error(
            403,
            '(#10) Application does not have permission for this action',
            'OAuthException',
            10,
          );
        const children = param('children')?.split(',') ?? [];
        const urls = children.length
          ? children.flatMap((c) => containers.get(c)?.urls ?? [])
          : [param('image_url') ?? ''];
        const id = newId();
        containers.set(id, {
          polls: 0,
          status: 'IN_PROGRESS',
          caption: param('caption') ?? '',
          urls,
        });
        return send(200, { id });
      }
      if (first === igUserId && edge === 'media_publish' && method === 'POST') {
        const container = containers.get(param('creation_id') ?? '');
        if (!container) return error(400, 'Invalid parameter', 'OAuthException', 100);
        if (container.status !== 'FINISHED')
          return error(400, 'Media ID is not available', 'OAuthException', 9007, 2207027);
        const id = newId();
        container.status = 'PUBLISHED';
        container.mediaId = id;
        posts.push({
          id,
          platform: 'instagram',
          accountId: igUserId,
          message: container.caption,
          photoUrls: container.urls,
          deleted: false,
        });
        return send(200, { id });
      }
      if (first === igUserId && edge === 'media' && method === 'GET')
        return send(200, {
          data: posts
            .filter((p) => p.platform === 'instagram')
            .reverse()
            .map((p) => ({ id: p.id, caption: p.message, permalink: permalinkOf(p) })),
          paging: {},
        });
      if (first === igUserId && edge === 'content_publishing_limit')
        return send(200, {
          data: [
            {
              quota_usage: posts.filter((p) => p.platform === 'instagram').length,
              config: { quota_total: 100, quota_duration: 86400 },
            },
          ],
        });

      // Single objects: containers, posts, media
      if (first === pageId && !edge && method === 'GET')
        return send(200, { id: pageId, name: 'Demo Realty Lisbon' });
      if (first === igUserId && !edge && method === 'GET')
        return send(200, { id: igUserId, username: 'demorealty' });
      if (first && !edge) {
        const container = containers.get(first);
        if (container && method === 'GET' && url.searchParams.get('fields') === 'status_code') {
          if (container.status === 'IN_PROGRESS' && container.polls++ >= pollsBeforeFinished)
            container.status = 'FINISHED';
          return send(200, { status_code: container.status, id: first });
        }
        const post = posts.find((p) => p.id === first);
        if (!post || post.deleted)
          return error(
            400,
            `Unsupported get request. Object with ID '${first}' does not exist`,
            'GraphMethodException',
            100,
            33,
          );
        if (method === 'DELETE') {
          post.deleted = true;
          return send(200, { success: true });
        }
        if (method === 'POST') {
          post.message = param('message') ?? post.message;
          return send(200, { success: true });
        }
        const fields = url.searchParams.get('fields') ?? 'id';
        return send(200, {
          id: post.id,
          [fields.includes('permalink_url') ? 'permalink_url' : 'permalink']: permalinkOf(post),
        });
      }
      error(400, 'Unknown path components', 'OAuthException', 2500);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pageId,
    igUserId,
    token,
    posts,
    requests,
    grant: (permissions) => {
      granted = permissions;
    },
    expireToken: () => {
      expired = true;
    },
    loseNextResponse: (method, path) => lose.add(`${method} ${path}`),
    containerPolls: (count) => {
      pollsBeforeFinished = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function permalinkOf(post: DoublePost): string {
  return post.platform === 'facebook'
    ? `https://www.facebook.com/${post.id.replace('_', '/posts/')}`
    : `https://www.instagram.com/p/${post.id}/`;
}

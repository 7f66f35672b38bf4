import { classifyGraphError, SocialGraphError } from './errors';

/**
 * The Graph API calls social publishing makes: Facebook Page posts and Instagram's
 * content-publishing flow (container -> poll until FINISHED -> publish). Meta's WhatsApp Cloud
 * API is the same Graph family, so this speaks the same wire format as lib/whatsapp.
 *
 * Every response body is read with a size cap: a Graph answer is small JSON, and a proxy or a
 * stand-in that answers megabytes must not be buffered.
 */
const MAX_RESPONSE_BYTES = 1_000_000;

export interface RemotePost {
  id: string;
  message?: string;
  permalink?: string;
}

export type ContainerStatus = 'EXPIRED' | 'ERROR' | 'FINISHED' | 'IN_PROGRESS' | 'PUBLISHED';

export interface SocialGraphClient {
  grantedPermissions(signal?: AbortSignal): Promise<string[]>;
  account(remoteId: string, fields: string, signal?: AbortSignal): Promise<Record<string, unknown>>;
  // Facebook Page
  uploadUnpublishedPhoto(pageId: string, url: string, signal?: AbortSignal): Promise<string>;
  createPagePost(
    pageId: string,
    post: { message: string; link?: string; photoIds: string[] },
    signal?: AbortSignal,
  ): Promise<string>;
  recentPagePosts(pageId: string, signal?: AbortSignal): Promise<RemotePost[]>;
  editPagePost(postId: string, message: string, signal?: AbortSignal): Promise<void>;
  // Instagram
  createContainer(
    igUserId: string,
    media: { imageUrl?: string; caption?: string; carouselItem?: boolean; children?: string[] },
    signal?: AbortSignal,
  ): Promise<string>;
  containerStatus(containerId: string, signal?: AbortSignal): Promise<ContainerStatus>;
  publishContainer(igUserId: string, containerId: string, signal?: AbortSignal): Promise<string>;
  recentMedia(igUserId: string, signal?: AbortSignal): Promise<RemotePost[]>;
  publishingQuota(igUserId: string, signal?: AbortSignal): Promise<{ used: number; total: number }>;
  // Both
  permalink(
    objectId: string,
    platform: 'facebook' | 'instagram',
    signal?: AbortSignal,
  ): Promise<string | undefined>;
  deleteObject(objectId: string, signal?: AbortSignal): Promise<void>;
}

export function createSocialGraphClient(baseUrl: string, accessToken: string): SocialGraphClient {
  async function call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    params: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<T> {
    const url = new URL(`${baseUrl}${path}`);
    const form = new URLSearchParams(params);
    if (method === 'GET') form.forEach((value, key) => url.searchParams.set(key, value));
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        signal,
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        body: method === 'GET' ? undefined : form,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new SocialGraphError(
        'unavailable',
        0,
        undefined,
        `Meta could not be reached: ${String(err)}`,
      );
    }
    const text = await readCapped(res);
    const body = parse(text);
    if (!res.ok) throw classifyGraphError(res.status, body as never, res.headers);
    return body as T;
  }

  const page = (data: unknown): RemotePost[] =>
    ((data as { data?: Array<Record<string, string>> }).data ?? []).map((p) => ({
      id: p.id ?? '',
      message: p.message ?? p.caption,
      permalink: p.permalink_url ?? p.permalink,
    }));

  return {
    async grantedPermissions(signal) {
      const res = await call<{ data?: Array<{ permission: string; status: string }> }>(
        'GET',
        '/me/permissions',
        {},
        signal,
      );
      return (res.data ?? []).filter((p) => p.status === 'granted').map((p) => p.permission);
    },
    account: (remoteId, fields, signal) =>
      call('GET', `/${encodeURIComponent(remoteId)}`, { fields }, signal),

    async uploadUnpublishedPhoto(pageId, url, signal) {
      const res = await call<{ id: string }>(
        'POST',
        `/${encodeURIComponent(pageId)}/photos`,
        { url, published: 'false' },
        signal,
      );
      return res.id;
    },
    async createPagePost(pageId, post, signal) {
      const params: Record<string, string> = { message: post.message };
      if (post.photoIds.length) {
        post.photoIds.forEach((id, i) => {
          params[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id });
        });
      } else if (post.link) params.link = post.link;
      const res = await call<{ id: string }>(
        'POST',
        `/${encodeURIComponent(pageId)}/feed`,
        params,
        signal,
      );
      return res.id;
    },
    async recentPagePosts(pageId, signal) {
      return page(
        await call(
          'GET',
          `/${encodeURIComponent(pageId)}/feed`,
          { fields: 'id,message,permalink_url', limit: '50' },
          signal,
        ),
      );
    },
    async editPagePost(postId, message, signal) {
      await call('POST', `/${encodeURIComponent(postId)}`, { message }, signal);
    },

    async createContainer(igUserId, media, signal) {
      const params: Record<string, string> = {};
      if (media.children) {
        params.media_type = 'CAROUSEL';
        params.children = media.children.join(',');
      } else if (media.imageUrl) params.image_url = media.imageUrl;
      if (media.carouselItem) params.is_carousel_item = 'true';
      if (media.caption !== undefined) params.caption = media.caption;
      const res = await call<{ id: string }>(
        'POST',
        `/${encodeURIComponent(igUserId)}/media`,
        params,
        signal,
      );
      return res.id;
    },
    async containerStatus(containerId, signal) {
      const res = await call<{ status_code: ContainerStatus }>(
        'GET',
        `/${encodeURIComponent(containerId)}`,
        { fields: 'status_code' },
        signal,
      );
      return res.status_code;
    },
    async publishContainer(igUserId, containerId, signal) {
      const res = await call<{ id: string }>(
        'POST',
        `/${encodeURIComponent(igUserId)}/media_publish`,
        { creation_id: containerId },
        signal,
      );
      return res.id;
    },
    async recentMedia(igUserId, signal) {
      return page(
        await call(
          'GET',
          `/${encodeURIComponent(igUserId)}/media`,
          { fields: 'id,caption,permalink', limit: '50' },
          signal,
        ),
      );
    },
    async publishingQuota(igUserId, signal) {
      const res = await call<{
        data?: Array<{ quota_usage?: number; config?: { quota_total?: number } }>;
      }>(
        'GET',
        `/${encodeURIComponent(igUserId)}/content_publishing_limit`,
        { fields: 'quota_usage,config' },
        signal,
      );
      const first = res.data?.[0];
      return { used: first?.quota_usage ?? 0, total: first?.config?.quota_total ?? 100 };
    },

    async permalink(objectId, platform, signal) {
      const field = platform === 'facebook' ? 'permalink_url' : 'permalink';
      const res = await call<Record<string, string>>(
        'GET',
        `/${encodeURIComponent(objectId)}`,
        { fields: field },
        signal,
      );
      return res[field];
    },
    async deleteObject(objectId, signal) {
      await call('DELETE', `/${encodeURIComponent(objectId)}`, {}, signal);
    },
  };
}

async function readCapped(res: Response): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += (chunk as Uint8Array).byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      throw new SocialGraphError(
        'unavailable',
        res.status,
        undefined,
        `Meta's answer was over ${MAX_RESPONSE_BYTES} bytes`,
      );
    }
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

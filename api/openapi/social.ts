/** Facebook Page and Instagram: connecting accounts and a listing's posts. */
import { z } from 'zod';
import { SocialAccountBody } from '../routes/socialAccounts/schemas';
import { SocialPostChoice } from '../routes/socialPosts/schemas';
import type { Operation } from './operations';

const Timestamp = z.iso.datetime({ offset: true });
const SocialAccount = z
  .object({
    id: z.uuid(),
    platform: z.string(),
    accountId: z.string(),
    name: z.string().nullable(),
    permissions: z.unknown(),
    status: z.string(),
    lastError: z.unknown(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'SocialAccount' });
const SocialPost = z
  .object({
    platform: z.string(),
    state: z.string(),
    scheduledAt: Timestamp.nullable(),
    remoteId: z.string().nullable(),
    permalink: z.string().nullable(),
    errorCode: z.string().nullable(),
    lastError: z.unknown(),
    attempts: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'SocialPost' });

export const SOCIAL_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/v1/social-accounts',
    operationId: 'listSocialAccounts',
    tag: 'social',
    summary: "The agency's Facebook Pages and Instagram accounts (never the token)",
    success: {
      status: 200,
      description: 'Accounts',
      schema: z.object({ data: z.array(SocialAccount) }),
    },
  },
  {
    method: 'post',
    path: '/v1/social-accounts',
    operationId: 'connectSocialAccount',
    tag: 'social',
    summary: 'Connect a Facebook Page or Instagram account (token checked, sealed)',
    body: SocialAccountBody,
    success: { status: 201, description: 'Connected', schema: SocialAccount },
    errors: { 402: 'Plan limit (social platforms)', 422: 'Token or permissions refused' },
  },
  {
    method: 'delete',
    path: '/v1/social-accounts/{id}',
    operationId: 'disconnectSocialAccount',
    tag: 'social',
    summary: 'Disconnect a social account',
    success: { status: 204, description: 'Removed' },
    errors: { 404: 'Not found' },
  },
  {
    method: 'get',
    path: '/v1/listings/{id}/social-posts',
    operationId: 'listSocialPosts',
    tag: 'social',
    summary: "A listing's social posts and their state",
    success: { status: 200, description: 'Posts', schema: z.object({ data: z.array(SocialPost) }) },
  },
  {
    method: 'put',
    path: '/v1/listings/{id}/social-posts/{platform}',
    operationId: 'chooseSocialPost',
    tag: 'social',
    summary: 'Post now, at a time, or skip',
    body: SocialPostChoice,
    success: { status: 200, description: 'The post', schema: SocialPost.nullable() },
  },
  {
    method: 'post',
    path: '/v1/listings/{id}/social-posts/{platform}/retry',
    operationId: 'retrySocialPost',
    tag: 'social',
    summary: 'Retry a failed post',
    success: { status: 202, description: 'Scheduled again', schema: SocialPost },
  },
];

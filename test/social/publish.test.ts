/**
 * Posting to a Facebook Page and to Instagram against a Graph API double that speaks Meta's
 * documented shapes: one post each with the live link, at most once even when Meta's answer
 * is lost, and failures a person must act on named as such.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { startSocialGraphDouble, type SocialGraphDouble } from '../support/socialGraphDouble';
import { createSocialGraphClient } from '../../lib/social/graphClient';
import { postToFacebookPage, postToInstagram, type PostContent } from '../../lib/social/publish';
import type { SocialPostRow } from '../../lib/social/postStore';
import { SocialGraphError } from '../../lib/social/errors';
import { captionWithLink } from '../../lib/social/caption';

let graph: SocialGraphDouble;

before(async () => {
  graph = await startSocialGraphDouble();
});
after(() => graph.close());
beforeEach(() => {
  graph.posts.length = 0;
  graph.requests.length = 0;
});

const LINK = 'https://agency.example/property/3-bed-lisbon/';
const content = (photos = 3): PostContent => ({
  caption: captionWithLink('3-bed apartment in Lisbon, river view. {{link}}', LINK),
  marker: LINK,
  link: LINK,
  photoUrls: Array.from({ length: photos }, (_, i) => `https://files.example/p${i}.jpg?sig=x`),
});

/** An in-memory `social_posts` row and the recorder that persists patches to it. */
function postRow(platform: 'facebook' | 'instagram') {
  const row: SocialPostRow = {
    id: 'row',
    agency_id: 'a',
    listing_id: 'l',
    platform,
    state: 'scheduled',
    scheduled_at: null,
    marker: LINK,
    container_id: null,
    remote_id: null,
    permalink: null,
    caption: null,
    error_code: null,
    last_error: null,
    attempts: 0,
    created_at: new Date(),
    updated_at: new Date(),
  };
  const record = async (patch: Partial<SocialPostRow> & { countAttempt?: boolean }) => {
    const { countAttempt, ...fields } = patch;
    Object.assign(row, fields);
    if (countAttempt) row.attempts += 1;
  };
  return { row, record };
}

const client = () => createSocialGraphClient(graph.baseUrl, graph.token);
const poll = { pollIntervalMs: 5, pollAttempts: 20 };

test('captionWithLink puts the live link where {{link}} was, or at the end, and keeps it when shortening', () => {
  assert.equal(captionWithLink('See it: {{link}}', LINK), `See it: ${LINK}`);
  assert.equal(captionWithLink('Nice flat', LINK), `Nice flat\n\n${LINK}`);
  const long = captionWithLink('x'.repeat(3000), LINK);
  assert.equal(long.length <= 2200, true);
  assert.equal(long.endsWith(LINK), true);
});

test('a Facebook Page post carries the message with the link and the photos', async () => {
  const { row, record } = postRow('facebook');
  const outcome = await postToFacebookPage(client(), graph.pageId, row, content(), record);
  assert.equal(graph.posts.length, 1);
  const [post] = graph.posts;
  assert.equal(post?.message.includes(LINK), true);
  assert.equal(post?.photoUrls.length, 3);
  assert.equal(row.state, 'posted');
  assert.equal(row.remote_id, outcome.remoteId);
  assert.match(row.permalink ?? '', /facebook\.com/);
});

test('a Facebook post whose answer was lost is found by its link, not posted again', async () => {
  const { row, record } = postRow('facebook');
  graph.loseNextResponse('POST', `/${graph.pageId}/feed`);
  await assert.rejects(postToFacebookPage(client(), graph.pageId, row, content(), record));
  assert.equal(row.state, 'posting');
  assert.equal(graph.posts.length, 1, 'Meta made the post although its answer was lost');
  const outcome = await postToFacebookPage(client(), graph.pageId, row, content(), record);
  assert.equal(outcome.reused, true);
  assert.equal(graph.posts.length, 1);
  assert.equal(row.remote_id, graph.posts[0]?.id);
  // And once the id is known, nothing is asked of Meta at all.
  const before = graph.requests.length;
  await postToFacebookPage(client(), graph.pageId, row, content(), record);
  assert.equal(graph.requests.length, before);
});

test('Instagram: a carousel container is polled until FINISHED, then published once', async () => {
  const { row, record } = postRow('instagram');
  graph.containerPolls(3);
  const outcome = await postToInstagram(client(), graph.igUserId, row, content(3), record, poll);
  assert.equal(graph.posts.length, 1);
  assert.equal(graph.posts[0]?.photoUrls.length, 3);
  assert.equal(graph.posts[0]?.message.includes(LINK), true);
  assert.equal(row.remote_id, outcome.remoteId);
  assert.match(row.permalink ?? '', /instagram\.com/);
  const statusPolls = graph.requests.filter((r) => r === `GET /${row.container_id}`).length;
  assert.equal(statusPolls >= 3, true);
  graph.containerPolls(1);
});

test('Instagram: a publish whose answer was lost is found through the PUBLISHED container', async () => {
  const { row, record } = postRow('instagram');
  graph.loseNextResponse('POST', `/${graph.igUserId}/media_publish`);
  await assert.rejects(postToInstagram(client(), graph.igUserId, row, content(1), record, poll));
  assert.ok(row.container_id, 'the container id was remembered before publishing');
  assert.equal(graph.posts.length, 1);
  const outcome = await postToInstagram(client(), graph.igUserId, row, content(1), record, poll);
  assert.equal(outcome.reused, true);
  assert.equal(graph.posts.length, 1);
  assert.equal(
    graph.requests.filter((r) => r === `POST /${graph.igUserId}/media_publish`).length,
    1,
  );
});

test('an expired token and a missing permission are failures a person must fix, named as such', async () => {
  graph.grant(['pages_read_engagement']);
  const missing = postRow('facebook');
  await assert.rejects(
    postToFacebookPage(client(), graph.pageId, missing.row, content(), missing.record),
    (err: unknown) =>
      err instanceof SocialGraphError && err.kind === 'permission_missing' && !err.retryable,
  );
  graph.grant(['pages_manage_posts', 'pages_read_engagement', 'instagram_content_publish']);

  graph.expireToken();
  const expired = postRow('instagram');
  await assert.rejects(
    postToInstagram(client(), graph.igUserId, expired.row, content(), expired.record, poll),
    (err: unknown) =>
      err instanceof SocialGraphError &&
      err.kind === 'token_expired' &&
      !err.retryable &&
      /Reconnect/.test(err.message),
  );
  assert.equal(graph.posts.length, 0);
});

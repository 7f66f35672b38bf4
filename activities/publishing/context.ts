import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../deps';
import { withTenant } from '../../lib/db';
import { createWordPressClient, type WordPressClient } from '../../lib/wordpress/client';
import { PROFILES, type MappingProfile } from '../../lib/wordpress/mapping';
import { createPublicationStore, type PublicationRow } from '../../lib/wordpress/publicationStore';
import { createSiteStore, siteAuth, type WordPressSiteRow } from '../../lib/wordpress/siteStore';
import { toPublishingFailure } from './failures';

/** Every publishing activity works on one listing on one site. */
export interface PublicationInput {
  agencyId: string;
  listingId: string;
  siteId: string;
}

export interface Publication {
  input: PublicationInput;
  site: WordPressSiteRow;
  profile: MappingProfile;
  route: string;
  client: WordPressClient;
  row: PublicationRow;
  signal: AbortSignal;
  /** Runs `work` in the tenant's transaction against the publications table. */
  store<T>(work: (store: ReturnType<typeof createPublicationStore>) => Promise<T>): Promise<T>;
}

/**
 * Opens the site and publication row, takes the publication's lease, runs `work`, and turns
 * whatever went wrong into a Temporal failure. A failure a person must fix also marks the
 * publication `failed` with the reason, which the listing page shows.
 */
export async function withPublication<T>(
  deps: ActivityDeps,
  input: PublicationInput,
  work: (p: Publication) => Promise<T>,
): Promise<T> {
  const { agencyId, listingId, siteId } = input;
  const store = <R>(fn: (s: ReturnType<typeof createPublicationStore>) => Promise<R>) =>
    withTenant(deps.db, agencyId, (tx) => fn(createPublicationStore(tx)));
  const opened = await withTenant(deps.db, agencyId, async (tx) => {
    const site = await createSiteStore(tx).get(siteId);
    const row = site
      ? await createPublicationStore(tx).ensure(agencyId, listingId, siteId)
      : undefined;
    return { site, row };
  });
  if (!opened.site || !opened.row)
    throw ApplicationFailure.nonRetryable(
      'The WordPress site of this publication was removed: connect a site, then retry publishing.',
      'NoWordPressSite',
    );
  const { site, row } = opened;
  const ctx = Context.current();
  const owner = randomUUID();
  // The lease lasts as long as Temporal waits before it gives up on this attempt: the
  // heartbeat timeout (renewed below while the attempt is alive), else start-to-close. A
  // crashed worker's lease thus expires when Temporal starts the next attempt.
  const heartbeatMs = ctx.info.heartbeatTimeoutMs;
  const leaseSeconds = Math.ceil((heartbeatMs || ctx.info.startToCloseTimeoutMs) / 1000) + 5;
  if (!(await store((s) => s.acquireLease(row.id, owner, leaseSeconds)))) {
    const wait = Math.max(1, await store((s) => s.leaseRemaining(row.id)));
    throw ApplicationFailure.create({
      message: 'Another attempt is publishing this listing to this site right now',
      type: 'PublicationBusy',
      nextRetryDelay: `${wait}s`,
    });
  }
  const publication: Publication = {
    input,
    site,
    profile: site.mapping_profile,
    route: PROFILES[site.mapping_profile].route,
    client: createWordPressClient(siteAuth(site, deps.secrets)),
    row,
    signal: ctx.cancellationSignal,
    store,
  };
  // Alive: heartbeat and renew the lease a few times per heartbeat timeout.
  const ticker = heartbeatMs
    ? setInterval(
        () => {
          ctx.heartbeat();
          void store((s) => s.acquireLease(row.id, owner, leaseSeconds)).catch(() => undefined);
        },
        Math.max(1000, heartbeatMs / 3),
      )
    : undefined;
  try {
    return await work(publication);
  } catch (err) {
    const failure = toPublishingFailure(err, {
      baseUrl: site.base_url,
      username: site.username,
      route: publication.route,
    });
    const permanent = failure instanceof ApplicationFailure && failure.nonRetryable;
    const message = failure instanceof Error ? failure.message : String(failure);
    await store((s) =>
      s.update(row.id, permanent ? { state: 'failed', error: message } : { error: message }),
    ).catch((e: unknown) => deps.log.warn({ err: e }, 'could not record the publication error'));
    throw failure;
  } finally {
    clearInterval(ticker);
    await store((s) => s.releaseLease(row.id, owner)).catch(() => undefined);
  }
}

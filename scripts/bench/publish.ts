/**
 * `npm run bench:publish [-- --listings 10 --photos 6 --profile property|posts]`: publishes
 * N listings with photos to a throwaway local WordPress (Debian's package, PHP's built-in
 * single-process server, the machine's MariaDB) through the real publishing activities, and
 * prints listings per minute and the WordPress requests each listing took, first publish and
 * an idempotent re-run. Needs the machine's Postgres (a scratch database is migrated and
 * dropped) and MariaDB, like the test suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { freePort } from '../services/process';
import { startWordPress } from '../services/wordpress';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createPublishingActivities } from '../../activities/publishing';
import { dropTemplateDatabase, prepareTemplateDatabase } from '../../test/support/template';
import { createTestDatabase } from '../../test/support/database';
import { seedAgency } from '../../test/support/agency';
import { testActivityDeps } from '../../test/support/worker';
import { startFaultProxy } from '../../test/publishing/faultProxy';
import { seedListing, seedSite, type SeededListing } from '../../test/publishing/support';

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '10' },
    photos: { type: 'string', default: '6' },
    profile: { type: 'string', default: 'property' },
  },
});
const LISTINGS = Number(values.listings);
const PHOTOS = Number(values.photos);
const PROFILE = values.profile === 'posts' ? 'posts' : 'property';

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'realty-bench-wp-'));
  // The benchmark's WordPress runs on loopback (the SSRF guard refuses it otherwise).
  process.env.OUTBOUND_ALLOW_PRIVATE ??= 'loopback';
  process.env.TEST_DB_TEMPLATE = await prepareTemplateDatabase();
  const db = await createTestDatabase();
  const wp = await startWordPress({ port: await freePort(), dir, plugin: true });
  // Not injecting anything: the proxy only counts the requests WordPress receives.
  const counter = await startFaultProxy(wp.baseUrl);
  try {
    const secrets = createSecretBox(Buffer.alloc(32, 1).toString('base64'));
    const deps = testActivityDeps(db.app, secrets, 'http://127.0.0.1:1');
    const activities = createPublishingActivities(deps);
    const agency = await seedAgency(db, secrets, { accessToken: 'unused' });
    const siteId = await seedSite(db, secrets, agency.agencyId, wp, PROFILE, {
      baseUrl: counter.baseUrl,
    });
    const listings: SeededListing[] = [];
    for (let i = 0; i < LISTINGS; i++)
      listings.push(await seedListing(db, deps.storage, agency.agencyId, { photos: PHOTOS }));
    const env = () =>
      new MockActivityEnvironment(
        { startToCloseTimeoutMs: 600_000 },
        { logger: new DefaultLogger('ERROR') },
      );

    const pass = async () => {
      const before = counter.requests.length;
      const started = performance.now();
      for (const { listingId } of listings) {
        const input = { agencyId: agency.agencyId, listingId, siteId };
        await env().run(activities.uploadMedia, input);
        await env().run(activities.pushProperty, input);
      }
      const seconds = (performance.now() - started) / 1000;
      const requests = counter.requests.slice(before);
      const byKind = new Map<string, number>();
      for (const r of requests) {
        const kind = `${r.method} ${r.route.replace(/\/\d+$/, '/:id')}`;
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
      return { seconds, requests: requests.length, byKind };
    };

    const first = await pass();
    const again = await pass();
    const line = (label: string, r: Awaited<ReturnType<typeof pass>>) => {
      console.log(
        `${label}: ${LISTINGS} listings in ${r.seconds.toFixed(1)} s = ` +
          `${((LISTINGS / r.seconds) * 60).toFixed(1)} listings/min, ` +
          `${(r.requests / LISTINGS).toFixed(1)} WordPress requests per listing`,
      );
      for (const [kind, n] of [...r.byKind].sort())
        console.log(`  ${kind.padEnd(34)} ${(n / LISTINGS).toFixed(1)} per listing`);
    };
    console.log(
      `WordPress 6.1 (php -S, one process) on loopback, profile ${PROFILE}, ${PHOTOS} photos per listing`,
    );
    line('publish', first);
    line('re-run (idempotent)', again);
  } finally {
    await counter.close();
    await wp.stop();
    await db.drop();
    await dropTemplateDatabase();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

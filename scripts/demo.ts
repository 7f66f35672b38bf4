/**
 * `npm run demo`: plays an agent's WhatsApp conversation (a property in a few lines, photos,
 * a correction, "done") into the system `npm start` runs, through the real webhook, signed
 * with the app secret from `.data/secrets.env`. A local stand-in for Meta's Graph API on
 * 127.0.0.1:8787 serves the photos and receives the replies, so start the system with
 * `WHATSAPP_GRAPH_URL=http://127.0.0.1:8787 npm start` first. Prints the listing's progress
 * and its links in the dashboard and the Temporal UI; `--exit` stops once it awaits review,
 * otherwise the stand-in stays up to show later replies (approve it in the dashboard).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { DEMO } from './start/seed';
import { temporalDataConverter } from '../lib/temporal/connection';
import { readDemoSettings, type DemoSettings } from './demo/settings';
import { demoPhotos } from './demo/photos';
import { conversation } from './demo/conversation';
import { newMessageId, postWebhook, webhookEnvelope } from './services/whatsappWebhook';
import { startGraphApiDouble, type GraphApiDouble } from '../test/support/graphApiDouble';
import { openGroupQuery } from '../workflows/intake/messages';
import { listingStatusQuery, type ListingView } from '../workflows/listing/messages';
import { intakeWorkflowId, listingWorkflowId } from '../workflows/shared/ids';

const say = (line = '') => process.stdout.write(`${line}\n`);
const SETTLED = ['awaiting_review', 'approved', 'published', 'rejected', 'failed'];

async function api<T>(
  s: DemoSettings,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${s.apiUrl}${path}`, init);
  return { status: res.status, body: (await res.json().catch(() => undefined)) as T };
}

/** The demo agency's id and an owner token, through the real login. */
async function signIn(s: DemoSettings): Promise<{ agencyId: string; token: string }> {
  if (!s.ownerPassword) throw new Error('No DEMO_OWNER_PASSWORD in .data/secrets.env');
  const login = await api<{ accessToken?: string }>(s, '/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.ownerEmail, password: s.ownerPassword }),
  });
  if (login.status !== 200 || !login.body.accessToken) {
    throw new Error(
      `Could not sign in as ${DEMO.ownerEmail} (${login.status}); was the demo password changed?`,
    );
  }
  const token = login.body.accessToken;
  const me = await api<{ agency: { id: string } }>(s, '/v1/me', {
    headers: { authorization: `Bearer ${token}` },
  });
  return { agencyId: me.body.agency.id, token };
}

async function startDouble(s: DemoSettings): Promise<GraphApiDouble> {
  try {
    return await startGraphApiDouble({ port: s.graphPort, token: DEMO.accessToken });
  } catch (err) {
    throw new Error(
      `Could not listen on 127.0.0.1:${s.graphPort} for the WhatsApp stand-in ` +
        `(${(err as Error).message}); set DEMO_GRAPH_PORT and start the system with the same port`,
    );
  }
}

function describe(view: ListingView): string {
  const parts = [`${view.status} (${view.step})`, `photos ${view.media.stored} stored`];
  if (view.media.skipped) parts.push(`${view.media.skipped} skipped`);
  if (view.corrections) parts.push(`${view.corrections} correction(s)`);
  const d = view.drafting;
  if (d?.title) parts.push(`"${d.title}"`);
  if (d?.drafts) parts.push(`${d.drafts.current} drafts, ${d.drafts.blocked} blocked by checks`);
  if (view.lastError) parts.push(`error: ${view.lastError}`);
  return parts.join(', ');
}

async function main(): Promise<void> {
  const s = readDemoSettings(process.env, process.argv.slice(2));
  const ready = await fetch(`${s.apiUrl}/readyz`).then(
    (r) => r.status,
    () => 0,
  );
  if (ready !== 200) {
    throw new Error(
      `The API at ${s.apiUrl} is not ready (${ready || 'no answer'}): run ` +
        `WHATSAPP_GRAPH_URL=http://127.0.0.1:${s.graphPort} npm start`,
    );
  }
  const graph = await startDouble(s);
  const connection = await Connection.connect({ address: s.temporalAddress });
  const temporal = new Client({
    connection,
    namespace: s.namespace,
    dataConverter: temporalDataConverter({
      TEMPORAL_ADDRESS: s.temporalAddress,
      TEMPORAL_NAMESPACE: s.namespace,
      TEMPORAL_PAYLOAD_KEYS: s.payloadKeys,
    }),
  });
  try {
    const { agencyId, token } = await signIn(s);
    const intake = temporal.workflow.getHandle(intakeWorkflowId(agencyId, DEMO.agentPhone));
    const before = await intake.query(openGroupQuery).then(
      (v) => v.lastSubmissionListingId,
      () => undefined,
    );

    const photos = (await demoPhotos()).map((p, i) => ({
      ...p,
      mediaId: `demo-${Date.now()}-${i}`,
    }));
    for (const p of photos) graph.addMedia(p.mediaId, p.bytes, 'image/jpeg');
    say(`Agent ${DEMO.agentPhone} writes to the agency's WhatsApp number (${DEMO.phoneNumberId}):`);
    for (const turn of conversation(photos)) {
      await sleep(turn.pause * 1000);
      const payload = webhookEnvelope({
        phoneNumberId: DEMO.phoneNumberId,
        from: DEMO.agentPhone,
        profileName: DEMO.agentName,
        message: {
          id: newMessageId(),
          timestamp: String(Math.floor(Date.now() / 1000)),
          ...turn.body,
        },
      });
      const res = await postWebhook(s.apiUrl, s.appSecret, payload);
      say(`  agent> ${turn.says}   [webhook ${res.status}]`);
      if (res.status !== 200)
        throw new Error(`the webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
    }

    const listingId = await waitFor(async () => {
      const id = (await intake.query(openGroupQuery)).lastSubmissionListingId;
      return id && id !== before ? id : undefined;
    }, 60_000);
    if (!listingId)
      throw new Error('No listing was submitted within a minute: is the worker running?');
    const workflowId = listingWorkflowId(agencyId, listingId);
    say();
    say(`Listing ${listingId}`);
    say(`  Dashboard    ${s.publicUrl}/app/#/listings/${listingId}  (${DEMO.ownerEmail})`);
    say(
      `  Temporal UI  ${s.temporalUiUrl}/namespaces/${s.namespace}/workflows/${encodeURIComponent(workflowId)}`,
    );
    say(`  API          GET ${s.publicUrl}/v1/listings/${listingId}`);
    say();

    const listing = temporal.workflow.getHandle(workflowId);
    let shown = '';
    let replies = 0;
    let announced = false;
    let hinted = false;
    const started = Date.now();
    for (;;) {
      const view = await listing.query(listingStatusQuery).catch(() => undefined);
      const line = view ? describe(view) : 'starting';
      if (line !== shown) say(`  ${new Date().toISOString().slice(11, 19)}  ${(shown = line)}`);
      for (const m of graph.sent.slice(replies))
        say(`  WhatsApp to agent> ${m.text}${m.type === 'template' ? ' (template)' : ''}`);
      replies = graph.sent.length;
      if (
        !hinted &&
        view?.status === 'receiving' &&
        !graph.mediaRequests.length &&
        Date.now() - started > 30_000
      ) {
        say(
          `  (no photo was fetched from 127.0.0.1:${s.graphPort}: does the worker run with ` +
            `WHATSAPP_GRAPH_URL=http://127.0.0.1:${s.graphPort}?)`,
        );
        hinted = true;
      }
      if (view && SETTLED.includes(view.status) && !announced) {
        announced = true;
        await summary(s, token, listingId);
        if (s.exitWhenReady) break;
        // The stand-in stays up: approving sends the agent the published link through it.
        say(
          'Approve or reject it in the dashboard; replies to the agent show here. Ctrl-C to stop.',
        );
      }
      await sleep(1000);
    }
  } finally {
    await graph.close();
    await connection.close();
  }
}

/** What the operator will see, from the listing API when it is there. */
async function summary(s: DemoSettings, token: string, listingId: string): Promise<void> {
  const res = await api<{
    status?: string;
    fields?: Record<string, { value: unknown }>;
    photos?: Array<{ status: string; caption: string | null }>;
    drafts?: unknown[];
    timeline?: Array<{ action: string; data: { reason?: unknown } }>;
  }>(s, `/v1/listings/${listingId}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) return;
  const fields = Object.entries(res.body.fields ?? {})
    .filter(([, f]) => f.value !== null && f.value !== undefined)
    .map(([name, f]) => {
      const value = String(f.value).replace(/\s+/g, ' ');
      return `${name}=${value.length > 40 ? `${value.slice(0, 40)}...` : value}`;
    });
  say();
  say(`  status   ${res.body.status ?? '?'}`);
  if (fields.length) say(`  fields   ${fields.join(', ')}`);
  const photos = res.body.photos ?? [];
  say(
    `  photos   ${photos.filter((p) => p.status === 'stored').length} stored${photos.some((p) => p.caption) ? `: ${photos.map((p) => p.caption ?? '-').join(' | ')}` : ''}`,
  );
  if (res.body.drafts) say(`  drafts   ${res.body.drafts.length}`);
  // The demo agency is on Starter: say what its plan left out, as the dashboard does.
  for (const t of res.body.timeline ?? []) {
    if (t.action === 'listing.plan_skipped' && typeof t.data.reason === 'string')
      say(`  plan     ${t.data.reason}`);
  }
  say();
}

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(500);
  }
  return undefined;
}

process.once('SIGINT', () => process.exit(0));
main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

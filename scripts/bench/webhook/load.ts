import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  newMessageId,
  signedBody,
  webhookEnvelope,
  type InboundMessageBody,
} from '../../services/whatsappWebhook';
import type { BenchAgency } from './database';

/** One unique WhatsApp message, signed once: Meta's re-deliveries are the same bytes. */
export interface SignedMessage {
  agencyId: string;
  agentPhone: string;
  providerMessageId: string;
  body: Buffer;
  signature: string;
}

const TEXTS = [
  '3 bed flat in Lisbon, 450,000 EUR, balcony',
  'Apartamento 2 habitaciones, Chapinero, 1.200 millones COP',
  'Casa com 3 quartos, R$ 1,2 mi, Pinheiros',
  'شقة 3 غرف في دبي، 2.1 مليون درهم',
  'Parking for two cars, lift, 120 m²',
];

let clock = Math.floor(Date.now() / 1000);

/**
 * Messages in Meta's envelope (the shape of the pywa fixtures), spread over every agent of
 * every agency: texts and photos, like a burst. None is a finish word or "new listing", so
 * each agent's intake workflow keeps every message in its open group, where they are counted.
 */
export function buildMessages(agencies: BenchAgency[], count: number, appSecret: string) {
  const agents = agencies.flatMap((a) => a.agents.map((phone) => ({ agency: a, phone })));
  return Array.from({ length: count }, (_, i): SignedMessage => {
    const { agency, phone } = agents[i % agents.length]!;
    const id = newMessageId();
    const body: InboundMessageBody =
      i % 5 >= 3
        ? {
            type: 'image',
            image: {
              id: String(1e15 + i),
              mime_type: 'image/jpeg',
              sha256: randomBytes(32).toString('base64'),
            },
          }
        : { type: 'text', text: { body: `${TEXTS[i % TEXTS.length]} (#${i})` } };
    const signed = signedBody(
      appSecret,
      webhookEnvelope({
        phoneNumberId: agency.phoneNumberId,
        from: phone,
        profileName: 'Bench Agent',
        message: { id, timestamp: String(++clock), ...body },
      }),
    );
    return { agencyId: agency.agencyId, agentPhone: phone, providerMessageId: id, ...signed };
  });
}

/** Every message `copies` times, shuffled (a seeded Fisher-Yates, so runs are comparable). */
/**
 * How re-deliveries are spread over a stage:
 * - `shuffled`: every delivery of the stage in one shuffle. Early in the stage most deliveries
 *   are first ones, so new messages arrive at up to the full request rate for the first
 *   seconds and almost none at the end: a burst of new messages, then mostly repeats.
 * - `steady`: messages first arrive at an even rate (rate / copies per second) and each
 *   re-delivery follows its message within about two seconds, as Meta retries: the sustained
 *   shape, with the same share of repeats at every moment.
 */
export type RedeliveryOrder = 'shuffled' | 'steady';

/** Messages a re-delivery may trail its first delivery by (about 2 s at 250 new messages/s). */
const STEADY_SPREAD = 500;

export function deliveriesOf(
  messages: SignedMessage[],
  copies: number,
  seed: number,
  order: RedeliveryOrder = 'shuffled',
) {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  if (order === 'steady') {
    const keyed = messages.flatMap((m, i) =>
      Array.from({ length: copies }, (_, copy) => ({
        m,
        key: copy === 0 ? i : i + random() * STEADY_SPREAD,
      })),
    );
    return keyed.sort((a, b) => a.key - b.key).map((d) => d.m);
  }
  const list = messages.flatMap((m) => Array.from({ length: copies }, () => m));
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export interface StageResult {
  rate: number;
  sent: number;
  acked: number;
  failed: number;
  duplicatesReported: number;
  /** Acknowledged requests per second over the stage. */
  ackRate: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** How far the generator itself fell behind its schedule, worst case. */
  maxLagMs: number;
  errors: Map<string, number>;
  /** Each request: when it was sent (ms from the stage's start) and how long the answer took. */
  timeline: Array<[sentAtMs: number, latencyMs: number]>;
}

/** Keep-alive connections to the webhook, as Meta's delivery pool (or a load balancer) keeps them. */
export const deliveryPool = () => new http.Agent({ keepAlive: true, maxSockets: 256 });

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : 0;

/**
 * Open loop: request i goes out at start + i/rate whatever happened to earlier ones (a closed
 * loop would slow down with the server and hide its queueing). Latency is from sending the
 * request to the end of the answer. `connections` is the sender's pool of keep-alive
 * connections; without one the stage opens its own and closes it at the end.
 */
export async function runStage(
  url: URL,
  deliveries: SignedMessage[],
  rate: number,
  connections?: http.Agent,
): Promise<StageResult> {
  const agent = connections ?? deliveryPool();
  const start = performance.now();
  const latencies: number[] = [];
  const timeline: Array<[number, number]> = [];
  const errors = new Map<string, number>();
  let acked = 0;
  let duplicatesReported = 0;
  let maxLag = 0;
  let lastAnswer = 0;
  const inFlight: Array<Promise<void>> = [];

  const post = (m: SignedMessage) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': m.body.length,
            'x-hub-signature-256': m.signature,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ended = performance.now();
            lastAnswer = ended;
            latencies.push(ended - started);
            timeline.push([started - start, ended - started]);
            if (res.statusCode === 200) {
              acked += 1;
              const body = JSON.parse(Buffer.concat(chunks).toString()) as { duplicates?: number };
              duplicatesReported += body.duplicates ?? 0;
            } else {
              const key = `HTTP ${res.statusCode}`;
              errors.set(key, (errors.get(key) ?? 0) + 1);
            }
            resolve();
          });
        },
      );
      req.on('error', (err) => {
        errors.set(err.message, (errors.get(err.message) ?? 0) + 1);
        resolve();
      });
      req.end(m.body);
    });

  const interval = 1000 / rate;
  let next = 0;
  while (next < deliveries.length) {
    const now = performance.now();
    while (next < deliveries.length && start + next * interval <= now) {
      maxLag = Math.max(maxLag, now - (start + next * interval));
      inFlight.push(post(deliveries[next]!));
      next += 1;
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  if (!connections) agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    rate,
    sent: deliveries.length,
    acked,
    failed: deliveries.length - acked,
    duplicatesReported,
    ackRate: acked / ((lastAnswer - start) / 1000),
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? 0,
    },
    maxLagMs: maxLag,
    errors,
    timeline,
  };
}

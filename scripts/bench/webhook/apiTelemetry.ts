/**
 * What the API process itself saw during a stage, read from its own /metrics (the scrape ops
 * would use): how many webhook answers took over 100 ms from the request's arrival to the end
 * of the handler, how late its event loop ran, and how long it spent collecting garbage. Set
 * beside the latency the load generator measured, it says whether a tail is inside the API or
 * outside it (waiting for a CPU, in the kernel, or in the load generator).
 */
export interface ApiTelemetry {
  webhookRequests: number;
  /** Share of webhook answers the API's own histogram put above 100 ms. */
  overTargetShare: number;
  /** Event-loop delay over the stage (prom-client resets its monitor at every scrape). */
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  gcMs: number;
  /** Collections that took 10 ms or more (the histogram's bucket edge). */
  gcPausesOver10Ms: number;
}

type Sample = Map<string, number>;

const WEBHOOK = 'method="POST",route="/webhooks/whatsapp"';

export async function scrapeApi(base: string): Promise<Sample> {
  const res = await fetch(new URL('/metrics', base));
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const sample: Sample = new Map();
  for (const line of (await res.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    sample.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return sample;
}

/** Sums every series of `name` whose labels contain all of `labels`. */
function total(sample: Sample, name: string, ...labels: string[]): number {
  let sum = 0;
  for (const [series, value] of sample) {
    if (series !== name && !series.startsWith(`${name}{`)) continue;
    if (labels.every((l) => series.includes(l))) sum += value;
  }
  return sum;
}

export function stageTelemetry(before: Sample, after: Sample): ApiTelemetry {
  const delta = (name: string, ...labels: string[]) =>
    total(after, name, ...labels) - total(before, name, ...labels);
  const requests = delta('http_request_duration_seconds_count', WEBHOOK);
  const within = delta('http_request_duration_seconds_bucket', WEBHOOK, 'le="0.1"');
  const gcCount = delta('nodejs_gc_duration_seconds_count');
  return {
    webhookRequests: requests,
    overTargetShare: requests ? (requests - within) / requests : 0,
    eventLoopP99Ms: (after.get('nodejs_eventloop_lag_p99_seconds') ?? 0) * 1000,
    eventLoopMaxMs: (after.get('nodejs_eventloop_lag_max_seconds') ?? 0) * 1000,
    gcMs: delta('nodejs_gc_duration_seconds_sum') * 1000,
    gcPausesOver10Ms: gcCount - delta('nodejs_gc_duration_seconds_bucket', 'le="0.01"'),
  };
}

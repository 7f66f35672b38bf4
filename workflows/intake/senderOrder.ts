import type { IntakeMessage } from './messages';

/**
 * The order an agent sent their messages in, whichever API replica stored each one and
 * whenever Temporal delivered its signal: WhatsApp's timestamp first (the sender's order, to
 * the second), then the order Postgres took the rows in (`arrival_seq`, one sequence for every
 * replica). Drafting orders a listing's messages by the same two columns
 * (activities/drafting/normalize.ts), so the intake's grouping and the listing's text agree.
 *
 * A signal carries no promise about order across replicas: replica B may hand over message 2
 * before replica A hands over message 1. So the intake reads a message only after it has
 * waited `reorderWindowMs` in the inbox, and always reads the inbox's earliest message first:
 * a "done" waits long enough for the photo sent just before it, which then joins the burst
 * instead of starting a new one.
 */
export function bySenderOrder(a: IntakeMessage, b: IntakeMessage): number {
  if (a.sentAt !== b.sentAt) return a.sentAt < b.sentAt ? -1 : 1;
  if (a.arrivalSeq === undefined || b.arrivalSeq === undefined) return 0;
  // bigint as decimal text: a shorter one is smaller; same length compares as text.
  const [x, y] = [a.arrivalSeq, b.arrivalSeq];
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Long enough for a replica's hand-off to reach Temporal; short beside the quiet window. */
export const DEFAULT_REORDER_WINDOW_MS = 2_000;

/** The intake reads on a 500 ms clock: a message is read at the first tick after its window. */
const READ_TICK_MS = 500;
export const readTickAfter = (ms: number): number => Math.ceil(ms / READ_TICK_MS) * READ_TICK_MS;

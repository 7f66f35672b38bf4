import type { BenchAgency } from '../bench/webhook/database';
import { newMessageId, signedBody, webhookEnvelope } from '../services/whatsappWebhook';
import type { RoundRobin } from './roundRobin';

/**
 * What the agents send: each agent a burst of three texts, one second apart on WhatsApp's
 * clock, delivered one request at a time through the round robin, so consecutive messages of
 * one agent land on different API replicas. Meta may deliver a later message first when two
 * replicas race; so for a third of the agents text 2 is delivered before text 1, and for
 * another third text 3 before text 2. The listing must read in the sender's order anyway.
 */
export interface SentMessage {
  id: string;
  agencyId: string;
  phone: string;
  text: string;
  /** WhatsApp's timestamp (seconds): the sender's order. */
  timestamp: number;
  /** Position in the agent's burst, in the sender's order. */
  position: number;
  /** The API replica (0 or 1) the round robin handed it to. */
  replica: number;
}

const TEXTS = ['3 bed flat in Lisbon, 450,000 EUR', 'balcony and a lift', '120 m2, parking'];
/** The order each agent's texts are delivered in, by agent index modulo 3. */
const DELIVERY_ORDERS = [
  [0, 1, 2],
  [1, 0, 2],
  [0, 2, 1],
] as const;

export async function sendBursts(
  front: RoundRobin,
  appSecret: string,
  agencies: BenchAgency[],
): Promise<SentMessage[]> {
  const sent: SentMessage[] = [];
  // A little in the past, as Meta's timestamps are by the time a webhook arrives.
  const firstSecond = Math.floor(Date.now() / 1000) - 10;
  let agentIndex = 0;
  for (const agency of agencies)
    for (const phone of agency.agents) {
      const order = DELIVERY_ORDERS[agentIndex++ % DELIVERY_ORDERS.length]!;
      for (const position of order) {
        const id = newMessageId();
        const text = TEXTS[position]!;
        const timestamp = firstSecond + position;
        const { body, signature } = signedBody(
          appSecret,
          webhookEnvelope({
            phoneNumberId: agency.phoneNumberId,
            from: phone,
            profileName: 'Agent',
            message: { id, timestamp: String(timestamp), type: 'text', text: { body: text } },
          }),
        );
        // One request at a time: the round robin's routing log then says which replica took it.
        const res = await fetch(`${front.url}/webhooks/whatsapp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
          body,
        });
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
        const replica = front.routed.at(-1)!;
        sent.push({ id, agencyId: agency.agencyId, phone, text, timestamp, position, replica });
      }
    }
  return sent;
}

import { randomBytes } from 'node:crypto';
import type { TestDatabase } from './database';
import type { TestApi } from './api';
import type { SeededAgency } from './agency';
import { messageFrom } from './whatsappFixtures';
import { signMetaPayload } from '../../lib/whatsapp/signature';
import { eventually } from './eventually';

/**
 * An agent's WhatsApp submission through the real signed webhook path, closed with "done";
 * resolves with the listing once its workflow awaits review.
 */
export async function submitListing(
  api: TestApi,
  db: TestDatabase,
  agency: SeededAgency,
  appSecret: string,
  text: string,
): Promise<{ id: string }> {
  for (const body of [text, 'done']) {
    const { payload } = messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
      text: body,
      id: `wamid.${randomBytes(10).toString('hex')}`,
    });
    const raw = JSON.stringify(payload);
    const res = await api.request('POST', '/webhooks/whatsapp', {
      rawBody: raw,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signMetaPayload(appSecret, raw),
      },
    });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  }
  return eventually(
    async () => {
      const rows = await db
        .owner('listings')
        .where({ agency_id: agency.agencyId, status: 'awaiting_review' })
        .whereNotIn('id', seen);
      const row = rows[0];
      if (row) seen.push(row.id);
      return row ? { id: row.id as string } : undefined;
    },
    `the listing to await review (listings now: ${JSON.stringify(await db.owner('listings').where({ agency_id: agency.agencyId }).pluck('status'))})`,
  );
}
const seen: string[] = [];

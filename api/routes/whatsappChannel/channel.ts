import type { Tx } from '../../../lib/db';
import { TABLES } from '../../../lib/db';
import type { ApiDeps } from '../../deps';

export interface ChannelRow {
  id: string;
  agency_id: string;
  phone_number_id: string;
  display_phone_number: string | null;
  access_token_encrypted: string;
  created_at: Date;
  updated_at: Date;
}

/** The agency's WhatsApp number (the dashboard manages one; the oldest if several exist). */
export const agencyChannel = (tx: Tx) =>
  tx<ChannelRow>(TABLES.whatsappChannels).orderBy('created_at', 'asc').first();

/** Where Meta must send events and the token it echoes when the operator subscribes. */
export function webhookSetup(deps: Pick<ApiDeps, 'config'>) {
  return {
    webhookUrl: `${deps.config.PUBLIC_URL.replace(/\/$/, '')}/webhooks/whatsapp`,
    verifyToken: deps.config.WHATSAPP_VERIFY_TOKEN ?? null,
  };
}

interface OutboundRow {
  kind: string;
  to_phone: string;
  status: string;
  error: string | null;
  status_at: Date | null;
  created_at: Date;
}

/** The latest message we sent on the number and what Meta last said about it. */
export async function lastDelivery(tx: Tx) {
  const row = await tx<OutboundRow>(TABLES.outboundMessages).orderBy('created_at', 'desc').first();
  return row
    ? {
        kind: row.kind,
        to: row.to_phone,
        status: row.status,
        error: row.error ?? null,
        at: row.status_at ?? row.created_at,
      }
    : null;
}

export const publicChannel = (row: ChannelRow) => ({
  id: row.id,
  phoneNumberId: row.phone_number_id,
  displayPhoneNumber: row.display_phone_number,
  connectedAt: row.created_at,
  updatedAt: row.updated_at,
});

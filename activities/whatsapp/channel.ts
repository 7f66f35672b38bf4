import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';

export interface Channel {
  id: string;
  phoneNumberId: string;
  accessToken: string;
}

/** The agency's WhatsApp number (the given one, else its first), with its token decrypted. */
export async function loadChannel(
  deps: ActivityDeps,
  agencyId: string,
  channelId: string | null,
): Promise<Channel> {
  const row = await withTenant(deps.db, agencyId, (tx) => {
    const q = tx(TABLES.whatsappChannels).first<
      { id: string; phone_number_id: string; access_token_encrypted: string } | undefined
    >();
    return channelId ? q.where({ id: channelId }) : q.orderBy('created_at', 'asc');
  });
  if (!row)
    throw ApplicationFailure.nonRetryable(
      'The agency has no WhatsApp number connected',
      'NoWhatsAppChannel',
    );
  return {
    id: row.id,
    phoneNumberId: row.phone_number_id,
    accessToken: deps.secrets.open(row.access_token_encrypted),
  };
}

export const channelToken = async (
  deps: ActivityDeps,
  agencyId: string,
  channelId: string | null,
): Promise<string> => (await loadChannel(deps, agencyId, channelId)).accessToken;

import { eventually as waitFor } from '../support/eventually';
import { randomUUID } from 'node:crypto';
import { Connection, Client } from '@temporalio/client';
import type { TestDatabase } from '../support/database';
import type { SeededAgency } from '../support/agency';
import type { GraphApiDouble } from '../support/graphApiDouble';
import { messageFrom } from '../support/whatsappFixtures';
import { listingWorkflow } from '../../workflows/listing/listingWorkflow';
import { listingWorkflowId } from '../../workflows/shared/ids';
import { TenantId } from '../../workflows/shared/searchAttributes';

/**
 * A submission as the intake workflow leaves it: the agent's messages stored as inbound rows
 * (real WhatsApp payloads), the photos served by the Graph API double, the listing row
 * created and linked. Starting the listing workflow on it is then what intake's startChild does.
 */
export interface Submission {
  listingId: string;
  messageIds: string[];
  /** Inbound row ids of the photos, in the order sent. */
  photoMessageIds: string[];
}

let clock = Math.floor(Date.now() / 1000) - 3600;

export async function inboundMessage(
  db: TestDatabase,
  agency: SeededAgency,
  opts: { text?: string; photo?: Buffer; graph?: GraphApiDouble; listingId?: string | null },
): Promise<string> {
  const mediaId = opts.photo ? `media-${randomUUID()}` : undefined;
  if (opts.photo && mediaId) opts.graph?.addMedia(mediaId, opts.photo, 'image/jpeg');
  const { payload } = messageFrom(
    opts.photo ? 'inbound_image_no_caption__pywa' : 'inbound_text__pywa',
    {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
      timestamp: ++clock,
      ...(opts.text !== undefined && !opts.photo ? { text: opts.text } : {}),
      ...(opts.photo
        ? { mediaId, media: opts.photo, ...(opts.text ? { caption: opts.text } : {}) }
        : {}),
    },
  );
  const message = payload.entry[0].changes[0].value.messages[0];
  const [row] = await db
    .owner('inbound_messages')
    .insert({
      agency_id: agency.agencyId,
      channel_id: agency.channelId,
      provider_message_id: message.id,
      from_phone: agency.agentPhone,
      kind: message.type,
      payload: JSON.stringify(message),
      sent_at: new Date(clock * 1000),
      state: 'dispatched',
      listing_id: opts.listingId ?? null,
    })
    .returning('id');
  return row.id as string;
}

export async function seedSubmission(
  db: TestDatabase,
  agency: SeededAgency,
  graph: GraphApiDouble,
  content: { texts: string[]; photos?: Buffer[] },
): Promise<Submission> {
  const listingId = randomUUID();
  await db.owner('listings').insert({
    id: listingId,
    agency_id: agency.agencyId,
    agent_user_id: agency.agentId,
    status: 'receiving',
  });
  const messageIds: string[] = [];
  const photoMessageIds: string[] = [];
  for (const text of content.texts) {
    messageIds.push(await inboundMessage(db, agency, { text, listingId }));
  }
  for (const photo of content.photos ?? []) {
    const id = await inboundMessage(db, agency, { photo, graph, listingId });
    messageIds.push(id);
    photoMessageIds.push(id);
  }
  return { listingId, messageIds, photoMessageIds };
}

export async function temporalClient(): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  });
  return { client: new Client({ connection }), close: () => connection.close() };
}

export function startListing(
  client: Client,
  taskQueue: string,
  agency: SeededAgency,
  submission: Submission,
  workflow: typeof listingWorkflow | string = listingWorkflow,
) {
  return client.workflow.start(workflow, {
    taskQueue,
    workflowId: listingWorkflowId(agency.agencyId, submission.listingId),
    args: [
      {
        agencyId: agency.agencyId,
        listingId: submission.listingId,
        agentPhone: agency.agentPhone,
        messageIds: submission.messageIds,
      },
    ],
    typedSearchAttributes: [{ key: TenantId, value: agency.agencyId }],
  });
}

/** Drafting runs several activities per photo, so its waits allow 45 s. */
export const eventually = <T>(
  probe: () => Promise<T | undefined | null | false>,
  what: string,
): Promise<T> => waitFor(probe, what, 45_000);

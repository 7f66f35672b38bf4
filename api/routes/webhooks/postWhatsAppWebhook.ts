import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import {
  AppError,
  BadRequestError,
  ServiceUnavailableError,
  UnauthorizedError,
} from '../../errors';
import { readRawBody } from '../../middleware/jsonBody';
import { verifyMetaSignature } from '../../../lib/whatsapp/signature';
import { WebhookPayload, batchesOf } from '../../../lib/whatsapp/payload';
import { ingestWebhook } from '../../../lib/whatsapp/ingest';
import { SenderHandOffs } from '../../../lib/whatsapp/senderHandOffs';

// Meta's payloads are small JSON; media arrives by id, never inline.
const WEBHOOK_BODY_LIMIT = '3mb';

/**
 * POST /webhooks/whatsapp. Order matters: verify the signature over the exact bytes, parse,
 * commit every message and status, and only then answer 200. A message or status that cannot
 * be stored as what it claims to be is quarantined with its reason and answered 200 too, so
 * Meta stops re-delivering it and the rest of the delivery goes through. A database failure answers 5xx so
 * Meta retries. New messages go to Temporal after the answer (Meta wants it fast); if that
 * fails they stay pending and the reconciler re-drives them.
 */
export function postWhatsAppWebhook(deps: ApiDeps): Middleware<AppState> {
  const handOffs = new SenderHandOffs(deps.background, (err, agencyId) =>
    deps.log.warn({ err, agencyId }, 'hand-off to Temporal failed; the reconciler retries'),
  );
  return async (ctx) => {
    const secret = deps.config.WHATSAPP_APP_SECRET;
    if (!secret)
      throw new ServiceUnavailableError(
        'whatsapp_not_configured',
        'WHATSAPP_APP_SECRET is not set',
      );
    const raw = await readRawBody(ctx, WEBHOOK_BODY_LIMIT);
    if (!ctx.get('X-Hub-Signature-256')) {
      throw new UnauthorizedError('missing_signature', 'X-Hub-Signature-256 is required');
    }
    if (!verifyMetaSignature(secret, raw, ctx.get('X-Hub-Signature-256'))) {
      throw new UnauthorizedError(
        'invalid_signature',
        'X-Hub-Signature-256 does not match the body',
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BadRequestError('malformed_json', 'The request body is not valid JSON');
    }
    const payload = WebhookPayload.safeParse(json);
    if (!payload.success) {
      throw new AppError(422, 'unsupported_payload', 'Not a WhatsApp Business Account webhook');
    }

    const result = await ingestWebhook(deps.db, batchesOf(payload.data));
    ctx.body = {
      received: true,
      duplicates: result.duplicates,
      unrouted: result.unrouted,
      quarantined: result.quarantined,
    };
    if (result.quarantined)
      ctx.state.log.warn(
        { quarantined: result.quarantined },
        'inbound items quarantined (kept raw with the reason, acknowledged)',
      );

    const dispatchDeps = {
      db: deps.db,
      temporal: deps.temporal,
      taskQueue: deps.config.TASK_QUEUE_LISTINGS,
      log: ctx.state.log,
      quietWindowSeconds: deps.config.INTAKE_QUIET_WINDOW_SECONDS,
      burstLimits: {
        maxMessages: deps.config.INTAKE_MAX_MESSAGES,
        maxPhotos: deps.config.INTAKE_MAX_PHOTOS,
      },
      handOffs: deps.handOffs,
      batchSignal: deps.config.HANDOFF_BATCH_SIGNAL,
    };
    // One queue per sender: an agent's messages are handed over in order, while other agents'
    // hand-offs (and other agencies') go on beside it instead of queueing behind one another.
    for (const [agencyId, rows] of result.stored) handOffs.enqueue(dispatchDeps, agencyId, rows);
  };
}

import type { ParameterizedContext } from 'koa';
import type { AppState } from '../../state';
import type { Scope } from '../../scope';
import type { CommandAnswer } from '../../../lib/listings/workflowCalls';
import { visibleListing } from './access';

/**
 * Answers an operator command the listing's workflow admitted: 200 with the status it led to,
 * or, when it is still running after the short wait, 202 with the listing's status now and
 * where to follow it (`Location: /v1/listings/:id`). Refusals and outages were thrown and are
 * mapped by api/temporalFailures.ts.
 */
export async function answerCommand(
  ctx: ParameterizedContext<AppState>,
  s: Scope,
  id: string,
  answer: CommandAnswer<{ status: string }>,
  done?: () => Promise<unknown>,
): Promise<void> {
  if (answer.done) {
    ctx.body = done ? await done() : { id, status: answer.value.status };
    return;
  }
  const listing = await visibleListing(s, id);
  ctx.status = 202;
  ctx.set('Location', `/v1/listings/${id}`);
  ctx.body = { id, status: listing.status, pending: true, follow: `/v1/listings/${id}` };
}

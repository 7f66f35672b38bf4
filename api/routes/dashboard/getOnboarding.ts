import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { TABLES } from '../../../lib/db';

const exists = async (q: { first: () => Promise<unknown> }) => Boolean(await q.first());

/**
 * GET /v1/onboarding: the new agency's checklist, each step read from what is really there
 * (a connected number, an agent with a WhatsApp number, a WordPress site, a listing), so a
 * step ticks itself however it was done (page, API or support).
 */
export const getOnboarding: Middleware<AppState> = async (ctx) => {
  const { tx } = scope(ctx);
  const [whatsapp, agents, wordpress, listing] = await Promise.all([
    exists(tx(TABLES.whatsappChannels).select('id')),
    exists(tx(TABLES.users).select('id').where({ role: 'agent' }).whereNotNull('whatsapp_phone')),
    exists(tx(TABLES.wordpressSites).select('id')),
    exists(tx(TABLES.listings).select('id')),
  ]);
  const steps = [
    { id: 'whatsapp', done: whatsapp },
    { id: 'agents', done: agents },
    { id: 'wordpress', done: wordpress },
    { id: 'first_listing', done: listing },
  ];
  ctx.body = { steps, complete: steps.every((s) => s.done) };
};

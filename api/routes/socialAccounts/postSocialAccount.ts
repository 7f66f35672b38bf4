import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { AppError, ConflictError } from '../../errors';
import { PlanLimitError } from '../../planLimitError';
import { SocialAccountBody } from './schemas';
import { checkPerListing } from '../../../lib/billing/entitlements';
import {
  createSocialAccountStore,
  publicSocialAccount,
  REQUIRED_PERMISSIONS,
} from '../../../lib/social/accountStore';
import { createSocialGraphClient } from '../../../lib/social/graphClient';
import { SocialGraphError } from '../../../lib/social/errors';
import type { Tx } from '../../../lib/db';

/** How long Meta may take to answer the connection check. */
const CHECK_TIMEOUT_MS = 10_000;

/**
 * POST /v1/social-accounts: connects a Facebook Page or an Instagram professional account.
 * The token is checked first (it works, the account is reachable with it, the posting
 * permissions are granted); a missing permission is named. The token is stored sealed and
 * never returned. The plan's `social_platforms` decides how many platforms can be connected.
 */
export const postSocialAccount =
  (deps: Pick<ApiDeps, 'secrets' | 'config'>): Middleware<AppState> =>
  async (ctx) => {
    const body = validate(SocialAccountBody, ctx.request.body);
    // Checked before Meta is asked, and again in the transaction that stores the account:
    // no transaction is held while Meta answers.
    const admit = async (tx: Tx, agencyId: string) => {
      const connected = await createSocialAccountStore(tx).list();
      if (connected.some((a) => a.platform === body.platform))
        throw new ConflictError(
          'social_account_exists',
          `A ${body.platform} account is already connected: remove it first`,
        );
      // The plan's `social_platforms` counts connected platforms, the number a listing posts to.
      const allowed = await checkPerListing(tx, agencyId, 'social_platforms', connected.length + 1);
      if (!allowed.ok) throw new PlanLimitError(allowed);
    };
    await inTenant(ctx, (s) => admit(s.tx, s.principal.agencyId));

    const graphUrl = deps.config.SOCIAL_GRAPH_URL ?? deps.config.WHATSAPP_GRAPH_URL;
    const client = createSocialGraphClient(graphUrl, body.accessToken);
    const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
    let name: string;
    let granted: string[];
    try {
      granted = await client.grantedPermissions(signal);
      const account = await client.account(
        body.accountId,
        body.platform === 'facebook' ? 'id,name' : 'id,username',
        signal,
      );
      const shown = account.name ?? account.username;
      name = typeof shown === 'string' && shown ? shown : body.accountId;
    } catch (err) {
      if (err instanceof SocialGraphError)
        throw new AppError(
          422,
          err.kind === 'token_expired' ? 'social_token_invalid' : 'social_account_unreachable',
          err.message,
        );
      throw new AppError(422, 'social_account_unreachable', 'Meta could not be reached in time');
    }
    const missing = REQUIRED_PERMISSIONS[body.platform].filter((p) => !granted.includes(p));
    if (missing.length)
      throw new AppError(
        422,
        'social_permission_missing',
        `The token lacks ${missing.join(', ')}: grant ${missing.length > 1 ? 'them' : 'it'} to the app in Meta, then connect again`,
        { missing },
      );

    const row = await inTenant(ctx, async ({ tx, principal, audit }) => {
      await admit(tx, principal.agencyId);
      const inserted = await createSocialAccountStore(tx).insert({
        agencyId: principal.agencyId,
        platform: body.platform,
        remoteAccountId: body.accountId,
        name,
        sealedToken: deps.secrets.seal(body.accessToken),
        permissions: granted,
      });
      await audit({
        action: 'social_account.connected',
        target: { type: 'social_account', id: inserted.id },
        data: { platform: body.platform, accountId: body.accountId },
      });
      return inserted;
    });
    ctx.status = 201;
    ctx.body = publicSocialAccount(row);
  };

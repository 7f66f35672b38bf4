import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { validate } from '../../validate';
import { SignupBody } from './schemas';
import { hashPassword } from '../../../lib/auth/passwords';
import { requestSignup } from '../../../lib/accounts/signups';
import { enforceRate } from '../../rateLimited';
import { AUTH_LIMITS } from '../../../lib/limits/authLimits';

/**
 * POST /v1/auth/signup: asks for a new agency with its owner. The answer is 202 "check your
 * inbox" whether or not the e-mail already has an account, with the same work done either way
 * (the password is hashed first), so neither the answer nor its timing says which: the agency
 * starts when the link in that inbox is opened (POST /v1/auth/signup/confirm).
 */
export function postSignup(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const body = validate(SignupBody, ctx.request.body);
    await enforceRate(deps, [
      { limit: AUTH_LIMITS.signupPerAddress, subject: ctx.ip },
      { limit: AUTH_LIMITS.signupPerEmail, subject: body.email.toLowerCase() },
    ]);
    const passwordHash = await hashPassword(body.password);
    const { link } = await requestSignup(
      deps.db,
      { ...body, passwordHash, requestId: ctx.state.requestId },
      (token) => `${deps.config.PUBLIC_URL}/app/#/confirm?token=${token}`,
    );
    // No mailer yet: outside production the link is in the log, so `npm start` can sign up.
    if (link && deps.config.NODE_ENV !== 'production') {
      ctx.state.log.info({ to: body.email, link }, 'sign-up confirmation queued');
    }
    ctx.status = 202;
    ctx.body = {
      status: 'confirmation_sent',
      message: `If ${body.email} can be signed up, a link to confirm it is on its way there`,
    };
  };
}

import type { RateLimit } from './rateLimit';

const MINUTE = 60;

/**
 * The limits on the unauthenticated routes that guess or spend secrets. Sign-in is limited per
 * account *and address* together, so an attacker hammering one account from their address
 * locks out only themselves: the owner signing in from another address is not affected. A
 * looser per-address limit stops one address from trying many accounts (credential stuffing).
 */
export const AUTH_LIMITS = {
  loginPerAccountAndAddress: { name: 'login:account+ip', hits: 10, windowSeconds: 15 * MINUTE },
  loginPerAddress: { name: 'login:ip', hits: 60, windowSeconds: 15 * MINUTE },
  signupPerAddress: { name: 'signup:ip', hits: 10, windowSeconds: 60 * MINUTE },
  // Each sign-up mails the address: this keeps anyone from flooding someone's inbox.
  signupPerEmail: { name: 'signup:email', hits: 5, windowSeconds: 60 * MINUTE },
  refreshPerAddress: { name: 'refresh:ip', hits: 120, windowSeconds: 15 * MINUTE },
  invitationPerAddress: { name: 'invitation:ip', hits: 10, windowSeconds: 15 * MINUTE },
} as const satisfies Record<string, RateLimit>;

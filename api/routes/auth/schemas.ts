import { z } from 'zod';

export const Email = z.email('Enter a valid e-mail address').max(254);
// Length beats composition rules (NIST SP 800-63B); the upper bound caps hashing work.
export const Password = z.string().min(12, 'Use at least 12 characters').max(256);

export const SignupBody = z.object({
  agencyName: z.string().trim().min(2).max(120),
  name: z.string().trim().min(1).max(120),
  email: Email,
  password: Password,
  defaultLanguage: z.enum(['en', 'es', 'pt', 'ar']).default('en'),
});

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(256) });
export const RefreshBody = z.object({ refreshToken: z.string().min(10).max(200) });
export const AcceptInvitationBody = z.object({
  token: z.string().min(10).max(200),
  password: Password,
});
export const ConfirmSignupBody = z.object({ token: z.string().min(10).max(200) });

export type Role = 'owner' | 'admin' | 'agent';

/** GET /v1/me: who is signed in, for which agency. */
export interface Me {
  agency: { id: string; name: string; slug: string; defaultLanguage: string };
  user: { id: string; name: string; email: string | null; role: Role } | null;
  role: Role;
}

export const isOperator = (me: Me) => me.role !== 'agent';

export const ROLES = ['owner', 'admin', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** Operators run the agency in the dashboard; agents send properties over WhatsApp. */
export const OPERATOR_ROLES: readonly Role[] = ['owner', 'admin'];

const RANK: Record<Role, number> = { agent: 0, admin: 1, owner: 2 };

/** The less privileged of two roles. */
export const leastOf = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);

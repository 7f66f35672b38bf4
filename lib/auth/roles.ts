export const ROLES = ['owner', 'admin', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** Operators run the agency in the dashboard; agents send properties over WhatsApp. */
export const OPERATOR_ROLES: readonly Role[] = ['owner', 'admin'];

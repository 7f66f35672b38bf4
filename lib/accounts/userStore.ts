import type { Queryable } from '../db';
import { TABLES } from '../db';
import type { Role } from '../auth/roles';

export interface User {
  id: string;
  agency_id: string;
  email: string | null;
  name: string;
  role: Role;
  whatsapp_phone: string | null;
  password_hash: string | null;
  status: 'invited' | 'active' | 'disabled';
  invite_expires_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
}

/** What the API shows of a user: never the password hash or invitation token. */
export function publicUser(u: User) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    whatsappPhone: u.whatsapp_phone,
    status: u.status,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
  };
}

export function createUserStore(db: Queryable) {
  const users = () => db<User>(TABLES.users);
  return {
    get: (id: string) => users().where({ id }).first(),
    list: () => users().orderBy('created_at', 'asc'),
    countActiveOwners: async () => {
      const row = await users()
        .where({ role: 'owner', status: 'active' })
        .count<{ n: string }>({ n: '*' })
        .first();
      return Number(row?.n ?? 0);
    },
    async insert(user: {
      agencyId: string;
      email: string | null;
      name: string;
      role: Role;
      whatsappPhone?: string | null;
      passwordHash?: string | null;
      status: User['status'];
      inviteTokenHash?: string | null;
      inviteExpiresAt?: Date | null;
    }): Promise<User> {
      const [row] = await users()
        .insert({
          agency_id: user.agencyId,
          email: user.email?.toLowerCase() ?? null,
          name: user.name,
          role: user.role,
          whatsapp_phone: user.whatsappPhone ?? null,
          password_hash: user.passwordHash ?? null,
          status: user.status,
          invite_token_hash: user.inviteTokenHash ?? null,
          invite_expires_at: user.inviteExpiresAt ?? null,
        } as Partial<User>)
        .returning('*');
      return row as User;
    },
    async update(id: string, patch: Record<string, unknown>): Promise<User | undefined> {
      const [row] = await users()
        .where({ id })
        .update({ ...patch, updated_at: db.fn.now() } as Partial<User>)
        .returning('*');
      return row;
    },
  };
}

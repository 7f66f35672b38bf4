export { createDb, migrationConfig, type Db, type Tx, type Queryable } from './connection';
export { withTenant } from './tenant';
export { TABLES, TENANT_TABLES, appDbRole } from './tables';
export { isUniqueViolation } from './errors';
export * from './routing';

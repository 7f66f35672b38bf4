import knex, { type Knex } from 'knex';
import path from 'node:path';

export type Db = Knex;
export type Tx = Knex.Transaction;
/** Data-access functions take either, so callers decide the transaction boundary. */
export type Queryable = Knex | Knex.Transaction;

export function createDb(url: string, poolMax = 10): Db {
  return knex({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: poolMax },
    migrations: migrationConfig(),
  });
}

export function migrationConfig(): Knex.MigratorConfig {
  return {
    directory: path.resolve(__dirname, '../../migrations'),
    loadExtensions: ['.ts', '.js'],
    tableName: 'knex_migrations',
  };
}

// Runs the migrations as the owner role: `npm run migrate` (latest) or `npm run migrate -- down`.
import { createDb } from '../lib/db';

async function main(): Promise<void> {
  const url = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_MIGRATION_URL (owner role) or DATABASE_URL');
  const db = createDb(url, 1);
  try {
    if (process.argv[2] === 'down') {
      await db.migrate.rollback(undefined, true);
      console.log('rolled back every migration');
    } else {
      const [, applied] = (await db.migrate.latest()) as [number, string[]];
      console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

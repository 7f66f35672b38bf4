import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Finds a helper program: an explicit env override, the project cache that
 * `scripts/setup-tools.sh` fills, then PATH.
 */
export function findTool(name: 'temporal' | 'minio' | 'stripe-mock'): string {
  const override = process.env[`${name.toUpperCase().replace('-', '_')}_CLI`];
  if (override) return override;
  const candidates = [
    path.join(ROOT, '.tools/bin', name),
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, name)),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `${name} not found: run \`npm run setup:tools\` (or set ${name.toUpperCase()}_CLI)`,
    );
  }
  return found;
}

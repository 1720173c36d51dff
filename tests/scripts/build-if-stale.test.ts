/**
 * `npm run demo` compiles only when dist/ is older than the sources: scripts/build-if-stale.mjs
 * on a one-file project. Asserts on what was compiled (file times), never on how long it took.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/build-if-stale.mjs', import.meta.url));

/** A one-file project: src/<name> holding `source`. */
function project(name: string, source: string): string {
  const root = tempDir('srm-build-');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(root, 'tsconfig.build.json'),
    JSON.stringify({
      compilerOptions: { outDir: 'dist', rootDir: '.', module: 'NodeNext', target: 'ES2022', skipLibCheck: true, types: [] },
      include: ['src'],
    }),
  );
  writeFileSync(join(root, 'src', name), source);
  return root;
}

const buildOf =
  (root: string) =>
  (...flags: string[]) =>
    spawnSync(process.execPath, [SCRIPT, ...flags, root], { encoding: 'utf8', timeout: 60_000 });

it('compiles a stale or changed project, and leaves a current one alone', () => {
  const root = project('a.ts', 'export const a = 1;\n');
  const build = buildOf(root);
  const out = join(root, 'dist', 'src', 'a.js');
  const past = new Date('2020-01-01T00:00:00Z');
  const compiledAt = () => statSync(out).mtimeMs;

  expect(build().status).toBe(0); // no dist/: compiles
  utimesSync(out, past, past);
  expect(build().status).toBe(0); // current: nothing compiled
  expect(compiledAt()).toBe(past.getTime());

  const future = new Date(Date.now() + 60_000);
  utimesSync(join(root, 'src', 'a.ts'), future, future); // a source newer than the build
  expect(build().status).toBe(0);
  expect(compiledAt()).not.toBe(past.getTime());

  utimesSync(out, past, past);
  writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 2;\n'); // a new source
  utimesSync(join(root, 'src', 'b.ts'), past, past); // even one older than the stamp
  expect(build().status).toBe(0);
  expect(statSync(join(root, 'dist', 'src', 'b.js')).isFile()).toBe(true);

  utimesSync(out, past, past);
  rmSync(join(root, 'src', 'b.ts'));
  expect(build().status).toBe(0); // a source removed: the set changed
  expect(compiledAt()).not.toBe(past.getTime());

  utimesSync(out, past, past);
  expect(build('--force').status).toBe(0); // npm run build: always
  expect(compiledAt()).not.toBe(past.getTime());

  // The lockfile by its content: written again unchanged (as npm install does), nothing is compiled;
  // changed (an SDK update, whose code the bundle holds), everything is.
  utimesSync(join(root, 'src', 'a.ts'), past, past); // no longer newer than a build
  writeFileSync(join(root, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
  expect(build().status).toBe(0);
  utimesSync(out, past, past);
  writeFileSync(join(root, 'package-lock.json'), '{ "lockfileVersion": 3 }\n');
  utimesSync(join(root, 'package-lock.json'), past, past);
  expect(build().status).toBe(0);
  expect(compiledAt()).toBe(past.getTime());
  writeFileSync(join(root, 'package-lock.json'), '{ "lockfileVersion": 3, "packages": {} }\n');
  utimesSync(join(root, 'package-lock.json'), past, past);
  expect(build().status).toBe(0);
  expect(compiledAt()).not.toBe(past.getTime());
});

it('bundles a project with a CLI, and builds again when its bundle is missing', () => {
  const root = project('cli.ts', "export const runFromProcess = (): void => console.log('ran');\n");
  const build = buildOf(root);
  const bundled = join(root, 'dist', 'bundle', 'srm-audit.js');
  expect(build().status).toBe(0);
  expect(readFileSync(bundled, 'utf8')).toContain('runFromProcess');
  rmSync(join(root, 'dist', 'bundle'), { recursive: true });
  expect(build().status).toBe(0); // the stamp is current, the bundle is not there: builds
  expect(existsSync(bundled)).toBe(true);
});

#!/usr/bin/env node
/**
 * Bundles what tsc built (dist/src/cli.js, and the benchmark that measures it) into
 * dist/bundle/ with rolldown: what bin/srm-audit.js and `npm run bench` run.
 *
 * Why: a scan otherwise loads each AWS SDK package as its CommonJS build, whole (9.7 MB of
 * source for a full scan), and V8 keeps every loaded module's source, wrapper and cache entry
 * for the life of the process. Bundled from the SDK's ES module builds, only what the code uses
 * is kept (2.8 MB in all, the bench included). Measured on the benchmark's large account:
 * 268-288 MB peak RSS bundled against 325-348 MB from dist/ (both with V8's own young generation;
 * bundled from the SDK's CommonJS builds instead, 300-318 MB; see README, Performance).
 *
 * - Each service's client and checks stay in their own chunks, loaded by `import()` on first
 *   use, as they are from dist/.
 * - The source loads the SDK with `sdk(...)` (src/aws/sdk.ts: `require`, which is faster than
 *   Node's ES module loader for CommonJS). Here each such line becomes the `import` it stands
 *   for, so that the bundler takes the SDK's ES module build; any other use of sdk, or src/aws/sdk.js
 *   left in the bundle, fails the build.
 * - Names are kept (`keepNames`): the session takes an operation's name from its command's class.
 * - dist/bundle/srm-audit.js exports the CLI (bin/srm-audit.js imports it and runs it); run as
 *   the program itself, the CLI runs (src/cli.ts knows the entry beside it).
 * - A build that fails leaves the last bundle whole: the new one is written beside it, then renamed.
 *
 * Usage: node scripts/bundle.mjs [root]. Nothing is bundled when root has no dist/src/cli.js.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { rolldown } from 'rolldown';
import { parseAst } from 'rolldown/parseAst';

/** `const { A, B: C } = sdk('pkg');` as tsc writes it. */
const SDK_LINE = /const (\{[^}]*\}) = sdk\('([^']+)'\);/g;

/** The `import` that `const { A, B: C } = sdk('pkg');` stands for; any other use of sdk() is left for the caller to refuse. */
export function sdkToImport(code) {
  return code.replace(SDK_LINE, (_, names, pkg) => `import ${names.replace(/(\w+)\s*:\s*(\w+)/g, '$1 as $2')} from '${pkg}';`);
}

/** Whether an identifier named `sdk` is left anywhere in the tree (comments and strings are not nodes). */
function namesSdk(node) {
  if (Array.isArray(node)) return node.some(namesSdk);
  if (!node || typeof node !== 'object') return false;
  if (node.type === 'Identifier' && node.name === 'sdk') return true;
  return Object.values(node).some((v) => v && typeof v === 'object' && namesSdk(v));
}

/** How tsc writes a module's import of src/aws/sdk.ts. */
const SDK_IMPORT = /^import \{ sdk \} from '(?:\.\.?\/)+(?:aws\/)?sdk\.js';\n?/m;

export async function bundle(root) {
  const dist = join(root, 'dist');
  const sdkModule = join(dist, 'src', 'aws', 'sdk.js');
  const cli = join(dist, 'src', 'cli.js');
  if (!existsSync(cli)) return false;
  const input = { 'srm-audit': cli };
  if (existsSync(join(dist, 'bench', 'run.js'))) input.bench = join(dist, 'bench', 'run.js');
  const out = join(dist, 'bundle');
  const build = await rolldown({
    input,
    platform: 'node',
    // The SDK's packages name their ES module build in "module", their CommonJS one in "main".
    resolve: { mainFields: ['module', 'main'] },
    logLevel: 'warn',
    plugins: [
      {
        name: 'sdk-as-import',
        transform(code, id) {
          if (!id.startsWith(dist + sep) || !SDK_IMPORT.test(code)) return null;
          const rewritten = sdkToImport(code).replace(SDK_IMPORT, '');
          if (namesSdk(parseAst(rewritten))) this.error(`${id}: a use of sdk() that scripts/bundle.mjs cannot rewrite as an import`);
          return rewritten;
        },
        buildEnd() {
          // However it was reached (an alias, a namespace import), sdk() would load the package's
          // CommonJS build from node_modules at run time, beside the bundle.
          if ([...this.getModuleIds()].includes(sdkModule))
            this.error('the bundle still loads src/aws/sdk.js: a use of sdk() that scripts/bundle.mjs cannot rewrite');
        },
      },
    ],
  });
  // Written beside the bundle, then put in its place: a build that fails leaves the last one whole.
  const next = `${out}.next`;
  try {
    rmSync(next, { recursive: true, force: true });
    await build.write({ dir: next, format: 'esm', minify: true, keepNames: true });
  } finally {
    await build.close();
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(next, out);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await bundle(resolve(process.argv[2] ?? join(import.meta.dirname, '..')));
}

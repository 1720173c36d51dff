/**
 * scripts/bundle.mjs: the bin runs dist/bundle/, so the bundle must be the same program as
 * tsc's dist/src/ (the same report on the demo account, every call named as before) with the SDK
 * inside it, and a use of sdk() it cannot rewrite must fail the build rather than be left out.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { bundle, sdkToImport } = (await import(join(ROOT, 'scripts', 'bundle.mjs'))) as {
  bundle: (root: string) => Promise<boolean>;
  sdkToImport: (code: string) => string;
};

describe('sdk() as an import', () => {
  it('rewrites each form tsc writes, renamed bindings and several lines included', () => {
    expect(sdkToImport("const { EC2Client, paginateDescribeVpcs } = sdk('@aws-sdk/client-ec2');")).toBe(
      "import { EC2Client, paginateDescribeVpcs } from '@aws-sdk/client-ec2';",
    );
    expect(
      sdkToImport(
        "const { GetPublicAccessBlockCommand: GetAccountPublicAccessBlockCommand, S3ControlClient } = sdk('@aws-sdk/client-s3-control');",
      ),
    ).toBe(
      "import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';",
    );
    const lines = "const { A,\n  B: C,\n  D, } = sdk('pkg');\nexport const x = A;";
    expect(sdkToImport(lines)).toBe("import { A,\n  B as C,\n  D, } from 'pkg';\nexport const x = A;");
    // Anything else is left as it is (and refused by the build, below).
    expect(sdkToImport("const client = sdk('pkg').Client;")).toBe("const client = sdk('pkg').Client;");
  });

  /** A one-module CLI that loads src/aws/sdk.js as `cli` says, with an earlier good bundle in place. */
  const projectWith = (cli: string) => {
    const root = tempDir('srm-bundle-');
    mkdirSync(join(root, 'dist', 'src', 'aws'), { recursive: true });
    mkdirSync(join(root, 'dist', 'bundle'));
    writeFileSync(join(root, 'dist', 'bundle', 'srm-audit.js'), '// the last good bundle\n');
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(root, 'dist', 'src', 'aws', 'sdk.js'), 'export const sdk = (id) => ({ id });\n');
    writeFileSync(join(root, 'dist', 'src', 'cli.js'), cli);
    return root;
  };

  it('fails the build on a use of sdk() it cannot rewrite, and leaves the last bundle whole', async () => {
    for (const cli of [
      "import { sdk } from './aws/sdk.js';\nexport const client = sdk('pkg').Client;\n",
      "import { sdk } from './aws/sdk.js';\nexport const load = sdk;\n",
      "import { sdk as load } from './aws/sdk.js';\nexport const { Client } = load('pkg');\n",
      "import * as aws from './aws/sdk.js';\nexport const { Client } = aws.sdk('pkg');\n",
    ]) {
      const root = projectWith(`${cli}export const runFromProcess = () => undefined;\n`);
      await expect(bundle(root), cli).rejects.toThrow(/cannot rewrite/);
      expect(readFileSync(join(root, 'dist', 'bundle', 'srm-audit.js'), 'utf8')).toBe('// the last good bundle\n');
      expect(readdirSync(join(root, 'dist')).sort()).toEqual(['bundle', 'src']);
    }
  });

  it('replaces the last bundle with one that holds no sdk() where every use is rewritten', async () => {
    // A comment or a string naming sdk is not a use of it.
    const root = projectWith(
      "import { sdk } from './aws/sdk.js';\n// sdk( in a comment\nconst { sep } = sdk('node:path');\n" +
        "export const runFromProcess = () => console.log('ran', sep + 'sdk');\n",
    );
    await expect(bundle(root)).resolves.toBe(true);
    const dir = join(root, 'dist', 'bundle');
    const code = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(code.join('\n')).not.toContain('the last good bundle');
    expect(code.some((c) => /from\s*"node:path"/.test(c))).toBe(true);
    expect(readdirSync(join(root, 'dist')).sort()).toEqual(['bundle', 'src']);
  });

  it('bundles nothing where there is no CLI to bundle', async () => {
    const root = tempDir('srm-bundle-');
    mkdirSync(join(root, 'dist'), { recursive: true });
    await expect(bundle(root)).resolves.toBe(false);
  });
});

describe('bin/srm-audit.js', () => {
  it('says in one line what to do, and exits 2, where the bundle was not built', () => {
    const root = tempDir('srm-unbuilt-');
    mkdirSync(join(root, 'bin'));
    copyFileSync(join(ROOT, 'bin', 'srm-audit.js'), join(root, 'bin', 'srm-audit.js'));
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
    const run = spawnSync(process.execPath, [join(root, 'bin', 'srm-audit.js'), '--version'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('srm-audit: the CLI is not built (dist/bundle/ is missing or incomplete): run `npm run build`\n');
    expect(run.stdout).toBe('');
  });
});

describe('the built bundle (npm test builds first)', () => {
  /**
   * Runs `scan --demo` with `entry` and returns its report and every file it loaded (by `import`,
   * through a resolve hook, or by `require`) other than the entry and dist/bundle/'s own.
   */
  const demoScan = (entry: string) => {
    const cwd = tempDir('srm-bundle-demo-');
    const loaded = join(cwd, 'loaded.txt');
    writeFileSync(loaded, '');
    const own = [pathToFileURL(entry).href, pathToFileURL(join(ROOT, 'dist', 'bundle')).href + '/'];
    const record = `(file) => {
        const url = file.startsWith('/') ? 'file://' + file : file;
        if (url.startsWith('file:') && url !== ${JSON.stringify(own[0])} && !url.startsWith(${JSON.stringify(own[1])}))
          appendFileSync(${JSON.stringify(loaded)}, url + '\\n');
      }`;
    const hook = `import { appendFileSync } from 'node:fs';
      const record = ${record};
      export async function resolve(s, c, next) {
        const r = await next(s, c);
        record(r.url);
        return r;
      }`;
    const probe = join(cwd, 'probe.mjs');
    writeFileSync(
      probe,
      `import Module, { register } from 'node:module';
      import { appendFileSync } from 'node:fs';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
      const record = ${record};
      const load = Module._load;
      Module._load = function (request, parent, isMain) {
        try {
          record(Module._resolveFilename(request, parent, isMain));
        } catch {}
        return load.apply(this, arguments);
      };`,
    );
    const run = spawnSync(process.execPath, ['--import', probe, entry, 'scan', '--demo', '--fail-on', 'none', '--output-dir', cwd], {
      encoding: 'utf8',
      cwd,
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const file = readdirSync(cwd).find((f) => f.startsWith('srm-audit-') && f.endsWith('.json'))!;
    const report = JSON.parse(readFileSync(join(cwd, file), 'utf8')) as {
      findings: unknown[];
      run: { apiCalls: { byOperation: Record<string, number> }; errors: unknown[] };
    };
    return {
      report: { findings: report.findings, apiCalls: report.run.apiCalls, errors: report.run.errors },
      loadedElsewhere: readFileSync(loaded, 'utf8').split('\n').filter(Boolean),
    };
  };

  it('runs the CLI once, through the bin or as the program itself', () => {
    for (const entry of [join(ROOT, 'bin', 'srm-audit.js'), join(ROOT, 'dist', 'bundle', 'srm-audit.js')]) {
      const run = spawnSync(process.execPath, [entry, '--version'], { encoding: 'utf8', timeout: 30_000 });
      expect([run.status, run.stdout.trim().split('\n')], entry).toEqual([
        0,
        [JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version],
      ]);
    }
  });

  it('writes the same report on the demo account as dist/src/cli.js, and loads nothing from outside itself', () => {
    const bundled = demoScan(join(ROOT, 'bin', 'srm-audit.js'));
    const compiled = demoScan(join(ROOT, 'dist', 'src', 'cli.js'));
    expect(bundled.report.findings.length).toBeGreaterThan(100);
    expect(bundled.report).toEqual(compiled.report);
    // The session names each call by its command's class: the bundle keeps class names.
    expect(Object.keys(bundled.report.apiCalls.byOperation)).toContain('ec2:DescribeSecurityGroups');
    // The SDK and every other package are inside the bundle; the probe sees them loaded from dist/src/.
    expect(bundled.loadedElsewhere).toEqual([]);
    expect(compiled.loadedElsewhere.some((f) => f.includes('/@aws-sdk/client-ec2/'))).toBe(true); // by require
    expect(compiled.loadedElsewhere.some((f) => f.includes('/commander/'))).toBe(true); // by import
    expect(readdirSync(join(ROOT, 'dist', 'bundle')).length).toBeGreaterThan(10); // each service in chunks of its own
  });
});

/**
 * package.json lists what the shipped code needs, once: every package the built code imports at
 * run time is a dependency, every dependency is imported at run time (types-only packages are
 * devDependencies), and no package is listed twice. Reads dist/ (npm test builds first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function jsFilesOf(dir: string, ext = '.js'): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(ext))
    .map((d) => join(d.parentPath, d.name));
}

/**
 * Package names of every static or dynamic import of a bare specifier (TypeScript drops `import
 * type`), and of every AWS SDK package loaded through `sdk('…')` (src/aws/sdk.ts).
 */
function runtimeImports(): Set<string> {
  const names = new Set<string>();
  for (const dir of ['dist/src', 'dist/checks', 'bin'].map((d) => join(ROOT, d))) {
    if (!existsSync(dir)) throw new Error(`${dir} is missing: run \`npm run build\` (npm test does) before this test`);
    for (const file of jsFilesOf(dir)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+|\bsdk\(\s*)['"]([^'".][^'"]*)['"]/gm)) {
        const spec = m[1]!;
        // A template that writes imports (the generated catalog index) is not an import itself.
        if (spec.startsWith('node:') || spec.includes('${')) continue;
        names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
  }
  return names;
}

describe('package.json dependencies', () => {
  const imported = runtimeImports();

  it('lists every package the built code imports as a dependency', () => {
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it('lists as dependencies only packages imported at run time', () => {
    // The SDK clients of services whose loaders are being written are installed ahead of them.
    const unused = Object.keys(pkg.dependencies).filter((name) => !imported.has(name) && !name.startsWith('@aws-sdk/client-'));
    expect(unused).toEqual([]);
  });

  it('lists each package once', () => {
    expect(Object.keys(pkg.devDependencies).filter((name) => name in pkg.dependencies)).toEqual([]);
  });

  it("reads no package file through a node_modules path (a vendored copy, or the package's exports)", () => {
    const tests = jsFilesOf(join(ROOT, 'tests'), '.ts').filter((f) => !f.endsWith('dependencies.test.ts'));
    expect(tests.filter((f) => readFileSync(f, 'utf8').includes('node_modules/'))).toEqual([]);
  });
});

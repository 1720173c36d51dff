import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/engine/catalog.js';
import { metaOf } from '../../src/engine/catalog-entry.js';
import { CATALOG_INDEX } from '../../src/engine/catalog-index.js';
import { renderCatalogIndex } from '../../src/engine/catalog-index-render.js';
import { packageRoot } from '../../src/util/package.js';

/**
 * The modules a file imports statically (`import … from`, not `import type` and not `import()`),
 * followed through the project's own files: what loading it costs before anything runs.
 */
function staticImportClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
    for (const m of text.matchAll(/^import\s+'([^']+)';/gm)) {
      if (m[1]!.startsWith('.')) visit(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
      else packages.add(m[1]!);
    }
  };
  visit(entry);
  return packages;
}

describe('the lazy catalog index', () => {
  it('is current with the catalog (run `npm run docs:checks` after adding or changing a check)', () => {
    const file = join(packageRoot(), 'src', 'engine', 'catalog-index.ts');
    expect(readFileSync(file, 'utf8')).toBe(renderCatalogIndex(CATALOG, packageRoot()));
    expect(CATALOG_INDEX.map((e) => e.meta)).toEqual(CATALOG.map(metaOf));
  });

  it('loads each check from its own module', async () => {
    const loaded = await Promise.all(CATALOG_INDEX.map(async (e) => (await e.load()).default));
    expect(loaded).toEqual([...CATALOG]);
  });

  it('keeps the CLI start free of SDK code: --help, --version and list-checks import no AWS client', () => {
    const packages = [...staticImportClosure(join(packageRoot(), 'src', 'cli.ts'))];
    expect(packages.filter((p) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/'))).toEqual([]);
    // Reading the config file (ajv, yaml) and logging (pino) wait for a scan too.
    expect(packages.filter((p) => ['ajv', 'yaml', 'pino'].includes(p))).toEqual([]);
  });
});

/** Writes src/engine/catalog-index.ts from the catalog (run by `npm run docs:checks`). */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AnyCheck } from './check.js';
import { metaOf } from './catalog-entry.js';

/** Every check module under `checksDir`, by file name (one file per check, named after its id). */
function checkFiles(checksDir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.set(name.slice(0, -3), path);
    }
  };
  walk(checksDir);
  return files;
}

export function renderCatalogIndex(catalog: readonly AnyCheck[], root: string): string {
  const files = checkFiles(join(root, 'checks'));
  const entries = catalog.map((check) => {
    const file = files.get(check.id);
    if (!file) throw new Error(`check "${check.id}" is not in a file named ${check.id}.ts under checks/`);
    const spec = `../../${relative(root, file).replace(/\\/g, '/').replace(/\.ts$/, '.js')}`;
    return `  { meta: ${JSON.stringify(metaOf(check))}, load: () => import('${spec}') },`;
  });
  return [
    '// Generated from src/engine/catalog.ts by `npm run docs:checks`; do not edit (tests/engine/catalog-index.test.ts).',
    "// Each check's metadata, and its module imported only when a run needs it.",
    "import type { CatalogEntry } from './catalog-entry.js';",
    '',
    'export const CATALOG_INDEX: readonly CatalogEntry[] = [',
    ...entries,
    '];',
    '',
  ].join('\n');
}

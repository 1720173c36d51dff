/**
 * The catalog as the CLI sees it: every check's metadata without its code, and a function that
 * imports the check's module on first use. `list-checks`, `--help` and a scan of a few services
 * then load no SDK code they do not need. The index itself (catalog-index.ts) is generated from
 * the explicit catalog (catalog.ts) by `npm run docs:checks`, and a test fails while it is stale.
 */
import type { AnyCheck, CheckMeta } from './check.js';

export interface CatalogEntry {
  meta: CheckMeta;
  load: () => Promise<{ default: AnyCheck }>;
}

/** The metadata of a check (everything but its loaders and run function). */
export function metaOf(check: AnyCheck): CheckMeta {
  const { loaders: _loaders, run: _run, ...meta } = check;
  return meta;
}

/** Imports the modules of the chosen entries (in catalog order), each once. */
export async function loadEntries(entries: readonly CatalogEntry[]): Promise<AnyCheck[]> {
  return Promise.all(entries.map(loadedCheck));
}

/** A check, or a catalog entry's check once its module is loaded. */
export async function loadedCheck(check: AnyCheck | CatalogEntry): Promise<AnyCheck> {
  return 'meta' in check ? (await check.load()).default : check;
}

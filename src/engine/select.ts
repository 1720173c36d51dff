/** Choosing checks by id and category, with one clear line for a name that does not exist. */
import { UsageError } from '../errors.js';
import type { CheckMeta } from './check.js';
import { CATEGORIES, type Category } from './types.js';

export interface Selection {
  checks?: readonly string[];
  excludeChecks?: readonly string[];
  categories?: readonly string[];
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  const words = name.toLowerCase().split(/[-_\s]+/);
  let best: { id: string; score: number } | undefined;
  for (const id of candidates) {
    const score = words.filter((w) => w && id.includes(w)).length;
    if (score > 0 && (!best || score > best.score)) best = { id, score };
  }
  return best?.id;
}

function assertKnown(ids: readonly string[], catalog: readonly Pick<CheckMeta, 'id'>[], flag: string): void {
  const known = catalog.map((c) => c.id);
  for (const id of ids) {
    if (!known.includes(id)) {
      const hint = closest(id, known);
      throw new UsageError(
        `unknown check "${id}" in ${flag}${hint ? ` (did you mean "${hint}"?)` : ''}; run \`srm-audit list-checks\` to see the check ids`,
      );
    }
  }
}

/** Works on whole checks and on bare metadata (the CLI selects before it loads any check's code). */
export function selectChecks<C>(
  catalog: readonly C[],
  sel: Selection,
  metaOf: (c: C) => Pick<CheckMeta, 'id' | 'category'> = (c) => c as Pick<CheckMeta, 'id' | 'category'>,
): C[] {
  const metas = catalog.map(metaOf);
  for (const category of sel.categories ?? []) {
    if (!CATEGORIES.includes(category as Category)) {
      throw new UsageError(`unknown category "${category}" in --category; use one of: ${CATEGORIES.join(', ')}`);
    }
  }
  assertKnown(sel.checks ?? [], metas, '--checks');
  assertKnown(sel.excludeChecks ?? [], metas, '--exclude-checks');
  const chosen = catalog.filter((entry, i) => {
    const c = metas[i]!;
    return (
      (!sel.checks?.length || sel.checks.includes(c.id)) &&
      (!sel.categories?.length || sel.categories.includes(c.category)) &&
      !sel.excludeChecks?.includes(c.id)
    );
  });
  if (chosen.length === 0) throw new UsageError('the options select no checks; run `srm-audit list-checks` to see what is available');
  return chosen;
}

import { MalformedResponse } from '../errors.js';

/** Drains an SDK v3 paginator into one list. */
export async function collect<Page, Item>(pages: AsyncIterable<Page>, pick: (page: Page) => Item[] | undefined): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pages) items.push(...(pick(page) ?? []));
  return items;
}

/**
 * Drains a paginator of an API that always sends its list element (empty when there is
 * nothing): a page without it is an empty or foreign body (an emulator's bare 200, an HTML
 * error page), not "none", and is refused rather than read as an empty account. A page token
 * seen before would page forever (SDK paginators follow any token), so it is refused too.
 */
export async function listAll<Page extends object, Item>(
  action: string,
  field: string,
  token: 'NextToken' | 'Marker' | 'nextToken',
  pages: AsyncIterable<Page>,
  pick: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  const seen = new Set<string>();
  for await (const page of pages) {
    const list = page ? pick(page) : undefined;
    if (!Array.isArray(list)) throw new MalformedResponse(`it held no ${field} list`, action);
    items.push(...list);
    const next = (page as Record<string, unknown>)[token];
    if (typeof next === 'string' && next) {
      if (seen.has(next)) throw new MalformedResponse(`it returned the ${token} "${next}" twice, so the listing would never end`, action);
      seen.add(next);
    }
  }
  return items;
}

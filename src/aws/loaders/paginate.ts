import { MalformedResponse } from '../errors.js';

/** The field a paginated API carries its next-page token in. */
export type PageToken = 'NextToken' | 'nextToken' | 'Marker' | 'NextMarker' | 'ContinuationToken' | 'LastEvaluatedTableName';

/**
 * The pages of a listing, as an SDK v3 paginator gives them, guarded against endpoints that
 * would page forever: a page token seen before is refused (the SDK follows any token), and a
 * page that says `IsTruncated: false` ends the listing whatever token it also carries (IAM's
 * rule; the SDK's paginator follows the token anyway).
 */
export async function* pagesOf<Page extends object>(action: string, token: PageToken, pages: AsyncIterable<Page>): AsyncGenerator<Page> {
  const seen = new Set<string>();
  for await (const page of pages) {
    yield page;
    if ((page as { IsTruncated?: unknown } | undefined)?.IsTruncated === false) return;
    const next = (page as Record<string, unknown> | undefined)?.[token];
    if (typeof next === 'string' && next) {
      if (seen.has(next)) throw new MalformedResponse(`it returned the ${token} "${next}" twice, so the listing would never end`, action);
      seen.add(next);
    }
  }
}

/**
 * Drains a paginator of an API that always sends its list element (empty when there is
 * nothing): a page without it is an empty or foreign body (an emulator's bare 200, an HTML
 * error page), not "none", and is refused rather than read as an empty account.
 */
export async function listAll<Page extends object, Item>(
  action: string,
  field: string,
  token: PageToken,
  pages: AsyncIterable<Page>,
  pick: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pagesOf(action, token, pages)) {
    const list = page ? pick(page) : undefined;
    if (!Array.isArray(list)) throw new MalformedResponse(`it held no ${field} list`, action);
    items.push(...list);
  }
  return items;
}

import { MalformedResponse, tagErrorAction } from '../errors.js';

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

/**
 * A listing's pages as they arrive, for every reader: each reader is given every page from the
 * first, those already read at once and the rest as they come, so work per item can start on the
 * first page while later ones are still on their way. A failed read ends each reader with the
 * error after the pages that did arrive; the listing is read once, however many read it.
 */
export class PageFeed<T> implements AsyncIterable<T> {
  private readonly pages: T[] = [];
  private ended = false;
  private failed: { error: unknown } | undefined;
  private waiting: Array<() => void> = [];

  constructor(source: AsyncIterable<T>, action: string) {
    void this.read(source, action);
  }

  private async read(source: AsyncIterable<T>, action: string): Promise<void> {
    try {
      for await (const page of source) {
        this.pages.push(page);
        this.wake();
      }
      this.ended = true;
    } catch (error) {
      tagErrorAction(error, action);
      this.failed = { error };
    }
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (let next = 0; ; next++) {
      while (next >= this.pages.length) {
        if (this.failed) throw this.failed.error;
        if (this.ended) return;
        await new Promise<void>((resume) => this.waiting.push(resume));
      }
      yield this.pages[next]!;
    }
  }
}

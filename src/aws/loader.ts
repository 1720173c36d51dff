/**
 * Loaders are the only way checks read AWS. Each declares the IAM actions it calls (the
 * `policy` command is built from these declarations) and the loaders it builds on; the
 * seam refuses a call a loader did not declare, so the declaration cannot drift from the
 * code. Results are memoised per run: ten checks that need the security groups of a
 * region cost one paginated read.
 */
import type { AwsSession } from './session.js';
import { tagErrorAction } from './errors.js';

export interface LoaderContext {
  aws: AwsSession;
  accountId: string;
  partition: string;
  /** Another loader's result; only loaders named in `uses` may be asked. */
  load: LoadFn;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Loader<A extends unknown[] = any[], R = unknown> {
  id: string;
  /** IAM actions this loader itself calls, e.g. ["ec2:DescribeSecurityGroups"]. */
  actions: readonly string[];
  /** Loaders this one reads through; their actions count towards the policy too. */
  uses?: readonly Loader[];
  /**
   * Its answers are steps of a chain of dependent calls that can bound the scan (an Access
   * Advisor job per principal, one after another): each goes to its check at once. Other
   * loaders' answers reach checks in slices of the event loop (see `inTurn`).
   */
  chain?: boolean;
  fetch(ctx: LoaderContext, ...args: A): Promise<R>;
}

export type LoadFn = <A extends unknown[], R>(loader: Loader<A, R>, ...args: A) => Promise<R>;

export function defineLoader<A extends unknown[], R>(loader: Loader<A, R>): Loader<A, R> {
  return loader;
}

/** `loaders` and every loader they read through (`uses`), each once. */
export function loaderClosure(loaders: Iterable<Loader>): Set<Loader> {
  const seen = new Set<Loader>();
  const visit = (loader: Loader): void => {
    if (seen.has(loader)) return;
    seen.add(loader);
    loader.uses?.forEach(visit);
  };
  for (const loader of loaders) visit(loader);
  return seen;
}

/** Every IAM action a set of loaders may need, following `uses`. */
export function actionsOf(loaders: Iterable<Loader>): Set<string> {
  const actions = new Set<string>();
  for (const loader of loaderClosure(loaders)) loader.actions.forEach((a) => actions.add(a));
  return actions;
}

export class UndeclaredLoader extends Error {
  override name = 'UndeclaredLoader';
}

/** One per run: memoises every loader call and gives each caller only what it declared. */
export class LoaderCache {
  /** Results by loader id, then by arguments. */
  private readonly memo = new Map<string, Map<string, Promise<unknown>>>();
  /**
   * Loaders released: a loader still running when the last check that could need it ended (its
   * check failed fast while it ran) may still read one; it is answered without being kept.
   */
  private readonly released = new Set<string>();
  /**
   * Each loader's context, made once: its scoped session view, declared actions and load
   * function depend on the loader alone, not on the arguments. Made per call, a large account
   * held a few thousand of them (about 2.6 KB each) for the reads in flight.
   */
  private readonly contexts = new Map<Loader, LoaderContext>();

  constructor(
    readonly aws: AwsSession,
    readonly accountId: string,
    readonly partition: string,
  ) {}

  /** A load function restricted to `allowed`, for a check or a loader to use. */
  loadFnFor(allowed: ReadonlySet<Loader>, who: string): LoadFn {
    return <A extends unknown[], R>(loader: Loader<A, R>, ...args: A): Promise<R> => {
      if (!allowed.has(loader as Loader)) {
        return Promise.reject(new UndeclaredLoader(`${who} reads loader "${loader.id}" without declaring it`));
      }
      return this.load(loader, ...args);
    };
  }

  /**
   * Forgets `loader`'s results, once nothing left to run can ask for them (the runner knows):
   * a large account's reads are then garbage long before the reports are written.
   */
  release(loader: Loader): void {
    this.memo.delete(loader.id);
    this.contexts.delete(loader);
    this.released.add(loader.id);
  }

  /** Loader ids with results held (for tests). */
  get held(): string[] {
    return [...this.memo.keys()];
  }

  private contextOf(loader: Loader): LoaderContext {
    let ctx = this.contexts.get(loader);
    if (!ctx) {
      ctx = {
        aws: this.aws.withScope({ loaderId: loader.id, actions: new Set(loader.actions) }),
        accountId: this.accountId,
        partition: this.partition,
        load: this.loadFnFor(new Set(loader.uses ?? []), `loader "${loader.id}"`),
      };
      this.contexts.set(loader, ctx);
    }
    return ctx;
  }

  load<A extends unknown[], R>(loader: Loader<A, R>, ...args: A): Promise<R> {
    const key = JSON.stringify(args);
    let results = this.memo.get(loader.id);
    if (!results) {
      results = new Map();
      if (!this.released.has(loader.id)) this.memo.set(loader.id, results);
    }
    let pending = results.get(key) as Promise<R> | undefined;
    if (!pending) {
      const ctx = this.contextOf(loader as Loader);
      pending = (async () => loader.fetch(ctx, ...args))().catch((error: unknown) => {
        // The seam names the failed call; where it did not run (a stubbed client), a loader
        // with one action can still say which call it was.
        if (loader.actions.length === 1) tagErrorAction(error, loader.actions[0]!);
        throw error;
      });
      results.set(key, pending);
      // A failed read is remembered too: every check that needs it reports the same error.
      pending.catch(() => undefined);
    }
    return pending;
  }
}

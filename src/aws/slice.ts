/**
 * Keeps the event loop turning while checks compute. A check reads its loaders, then judges what
 * they hold synchronously; on a large account the reads of many regions arrive together and their
 * checks would run one after another in a single turn of the loop (about a second, measured), while
 * every timer waits: the rate limiter's next token for a chain of dependent calls (Access Advisor's
 * jobs) among them, so the chain loses the time its bucket cannot hold.
 *
 * An answer for a check is therefore handed on from an immediate (Node runs the promise work an
 * immediate starts before the next one), oldest first, and only while the immediates of this turn
 * of the loop have run for less than SLICE_MS; the rest wait for the next turn, after its timers
 * and I/O. The runner hands on a chain's answers at once (`Loader.chain`): they would wait behind
 * every check's, and the chain with them.
 */
import { setImmediate } from 'node:timers';

/** How long one turn of the loop hands answers to checks before the rest wait for the next (ms). */
export const SLICE_MS = 40;

let turnStarted: number | undefined;
/** Answers waiting to be handed on, oldest first (from `head`). */
let waiting: Array<(() => void) | undefined> = [];
let head = 0;

function endTurn(): void {
  turnStarted = undefined;
}

/** True once this turn's immediates have run for longer than `SLICE_MS`. */
function turnIsOld(): boolean {
  const now = performance.now();
  if (turnStarted === undefined) {
    turnStarted = now;
    // Queued behind this turn's immediates: it runs first in the next turn's.
    setImmediate(endTurn);
    return false;
  }
  return now - turnStarted > SLICE_MS;
}

/** One immediate per waiting answer; each hands on the oldest, or waits for the next turn. */
function handOn(): void {
  if (turnIsOld()) {
    setImmediate(handOn);
    return;
  }
  const next = waiting[head];
  waiting[head++] = undefined;
  if (head === waiting.length) {
    waiting = [];
    head = 0;
  }
  next?.();
}

/** `value`, handed on from an immediate in the order asked, within a turn's slice. */
export function inTurn<T>(value: T): Promise<T> {
  return new Promise<T>((resolve) => {
    waiting.push(() => resolve(value));
    setImmediate(handOn);
  });
}

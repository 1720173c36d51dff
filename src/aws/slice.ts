/**
 * Keeps the event loop turning while checks compute. A check reads its loaders, then judges what
 * they hold synchronously; on a large account the reads of many regions arrive together and their
 * checks would run one after another in a single turn of the loop (about a second, measured), while
 * every timer waits: the rate limiter's next token for a chain of dependent calls (Access Advisor's
 * jobs) among them, so the chain loses the time its bucket cannot hold.
 *
 * A loader's answer is therefore handed on from an immediate of its own (Node runs the promise
 * work an immediate starts before the next one), and only while the immediates of this turn of the
 * loop have run for less than SLICE_MS; the rest wait for the next turn, after its timers and I/O.
 * The chain's own answers are handed on at once (`Loader.chain`): they would wait behind every
 * check's, and the chain with them.
 */
import { setImmediate } from 'node:timers';

/** How long one turn of the loop hands answers to checks before the rest wait for the next (ms). */
export const SLICE_MS = 40;

let turnStarted: number | undefined;

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

/** `value`, handed on from an immediate while this turn's slice lasts, else in a later turn. */
export function inTurn<T>(value: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const handOn = (): void => {
      if (turnIsOld()) setImmediate(handOn);
      else resolve(value);
    };
    setImmediate(handOn);
  });
}

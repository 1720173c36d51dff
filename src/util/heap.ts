/**
 * How far V8 lets the heap grow between two full collections.
 *
 * After each full collection V8 sets the next one's trigger at the live heap times a factor it
 * picks from how fast its collector is against how fast the program allocates: up to 4. A scan
 * allocates fast (every SDK call builds and drops a request, a signature, a response) and much
 * of that outlives the young generation (a call waits on the network and on its rate limit
 * while several scavenges pass), so it is promoted and dies in the old space. With a factor of
 * 4 the old space then fills with that garbage up to four times the live heap before anything
 * collects it: measured on the benchmark's large account, 150-220 MB live and 960 MB peak RSS.
 *
 * The process entry point (the CLI, and the benchmark measuring it) therefore sets the factor to
 * 1 + HEAP_GROWING_PERCENT / 100. Measured with `npm run bench` (see README, Performance): large
 * 960 -> 506 MB, organization of 50 (25 in flight) 639 -> 370 MB, medium 282 -> 226 MB, with no
 * wall time lost (the extra full collections mark on V8's background thread, the second core).
 * 20 was the lowest of 20/30/50 measured, all within the run-to-run spread on wall time.
 *
 * A user who gives node the flag (`node --heap-growing-percent=N bin/srm-audit.js`; node refuses
 * it in NODE_OPTIONS) keeps theirs. The flag is
 * read by V8 at each full collection, so setting it once the process runs takes effect from the
 * next one (Node leaves V8's flags writable after start; v8.setFlagsFromString is how it is done).
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 20;

const FLAG = /^--heap[-_]growing[-_]percent(?:=|$)/;

/** Sets V8's heap growing factor for this process unless node was given one; says whether it did. */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  set: (flags: string) => void = setFlagsFromString,
): boolean {
  if (execArgv.some((arg) => FLAG.test(arg))) return false;
  set(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}

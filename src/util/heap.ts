/**
 * How far V8 lets the heap grow between two full collections.
 *
 * After each full collection V8 sets the next one's trigger at the live heap times a factor it
 * picks from how fast its collector is against how fast the program allocates: up to 4. A scan
 * allocates fast (every SDK call builds and drops a request, a signature, a response) and much
 * of that outlives the young generation (a call waits on the network and on its rate limit
 * while several scavenges pass), so it is promoted and dies in the old space. With a factor of
 * 4 the old space then fills with that garbage up to four times the live heap before anything
 * collects it: on the benchmark's large account, 150-220 MB live and 960 MB peak RSS.
 *
 * The process entry point (the CLI, and the benchmark measuring it) therefore sets the factor to
 * 1 + HEAP_GROWING_PERCENT / 100. Measured with the benchmark's sizes on a 2-core machine (peak
 * RSS; CPU for the organization, which is CPU-bound):
 *
 *   growing percent   large     medium   org50, 25 in flight
 *   V8's own (0)      960 MB    282 MB   627-656 MB, 19.6-25.0 s CPU
 *   40                515 MB    251 MB   392-415 MB, 20.3-26.7 s CPU
 *   20                459-506   226 MB   346-376 MB, 22.5-29.4 s CPU
 *
 * 40 keeps nearly all of the memory and costs no CPU beyond the run-to-run spread; 20 saves
 * another tenth of the memory for about a tenth more CPU (more full collections on the main
 * thread), so 40 it is. Wall time was within the spread at all three. The flag replaces V8's
 * factor in every mode, so the tighter ones V8 picks under memory pressure or when idle (1.1 to
 * 1.3) become 1.4 too; a scan is neither idle nor, at these sizes, short of memory.
 *
 * The young generation (32-46 MB of the large benchmark account's peak) is left to V8.
 * `--semi-space-growth-factor=1`, unlike `--max-semi-space-size`, is read at each growth, so
 * it would hold the young generation where it is once the process runs. Measured with the
 * bundled benchmark on 2026-12-04: held at the 8 MB new space the benchmark reaches before its
 * scan, large peaked at 243-251 MB against 268-288 MB, at no measurable CPU. But the CLI
 * reaches its scan with a 2 MB new space, and held there (measured with a preload) large took
 * 28-31 s of CPU against 25 s and its reports half a second longer; an organization, bound by
 * CPU, paid 15-20 % more of its main thread either way. V8 offers no way to hold it at a
 * chosen size once running, and a larger one costs only memory, so it keeps V8's growth.
 *
 * A user who gives node the flag (`node --heap-growing-percent=N bin/srm-audit.js`; node refuses
 * it in NODE_OPTIONS) keeps theirs. V8 reads the flag at each full collection, so setting it once
 * the process runs takes effect from the next one (Node leaves V8's flags writable after start;
 * v8.setFlagsFromString is how it is done).
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 40;

const FLAG = /^--?heap[-_]growing[-_]percent(?:=|$)/;

/** Sets V8's heap growing factor for this process unless node was given one; says whether it did. */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  set: (flags: string) => void = setFlagsFromString,
): boolean {
  if (execArgv.some((arg) => FLAG.test(arg))) return false;
  set(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}

/**
 * How far V8 lets the heap grow between two full collections, and how large the young generation grows.
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
 * The young generation is bounded the same way. V8 starts each semi-space at 1 MB and doubles it,
 * up to 16 MB, whenever many of its objects survive a scavenge, which a scan's objects waiting
 * on the network always do: the young generation then holds 32-46 MB at the peak, most of it
 * objects already dead. `--max-semi-space-size` cannot be set once V8 has sized its heap, but
 * the doubling factor is read at each growth, so SEMI_SPACE_GROWTH_FACTOR 1 keeps the young
 * generation about where it is when the flag is set (8-10 MB at the peak: the CLI sets it once
 * its modules are loaded). Measured with the bundled benchmark (`npm run bench`'s sizes, the
 * factor given to node for V8's own; interleaved runs on a 2-core machine):
 *
 *   semi-space growth   large (30 ms a call)           org50, 50 in flight
 *   V8's own (2)        273-288 MB, 23.9-30.5 s CPU    332-342 MB, 15.9-17.4 s CPU
 *   1                   243-251 MB, 22.6-32.0 s CPU    281-295 MB, 14.4-18.3 s CPU
 *
 * For one account the CPU differences were within this host's spread (paired runs of large: 23.0
 * and 22.6 s of CPU against 25.2 and 24.5 s with V8's own growth; medium 4.3-6.4 s against
 * 4.9-5.9 s), and large's wall time did not change (it waits on AWS). An organization's scan,
 * bound by CPU, paid 15-20 % more of its main thread, so it gives V8's growth back
 * (unboundYoungGeneration, below): org50 then peaks at 330-348 MB, as with V8's own.
 *
 * Set before the modules load (a preload), the factor kept the young generation at 2-3 MB and
 * saved 5 MB more on large, but took 28-31 s of CPU against 25 s and half a second more for the
 * reports. On org50 with an earlier bundle, letting the semi-space reach 2 or 4 MB before
 * holding it kept the memory and the CPU of 1 MB, within the spread; 8 MB lost the saving.
 *
 * A user who gives node either flag (`node --heap-growing-percent=N bin/srm-audit.js`; node
 * refuses them in NODE_OPTIONS) keeps theirs; a semi-space size given to node also keeps V8's
 * growth. V8 reads both flags while it runs, so setting them once the process runs takes effect
 * from the next collection (Node leaves V8's flags writable after start; v8.setFlagsFromString is
 * how it is done).
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 40;
export const SEMI_SPACE_GROWTH_FACTOR = 1;
/** V8's own semi-space growth factor, which an organization's scan gives back (see unboundYoungGeneration). */
export const V8_SEMI_SPACE_GROWTH_FACTOR = 2;

const GROWING = /^--?heap[-_]growing[-_]percent(?:=|$)/;
const SEMI_SPACE = /^--?(?:(?:min|max)[-_])?semi[-_]space[-_](?:size|growth[-_]factor)(?:=|$)/;

/**
 * Sets V8's heap growing factor and the young generation's growth for this process, each unless
 * node was given it; returns the flags it set.
 */
export function boundHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  set: (flags: string) => void = setFlagsFromString,
): string[] {
  const flags: string[] = [];
  if (!execArgv.some((arg) => GROWING.test(arg))) flags.push(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  if (!execArgv.some((arg) => SEMI_SPACE.test(arg))) flags.push(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`);
  for (const flag of flags) set(flag);
  return flags;
}

/**
 * Gives the young generation back V8's own growth, unless node was given a semi-space flag;
 * says whether it did. For an organization's scan, which is bound by CPU: with many accounts in
 * flight, far more objects outlive a small young generation, and collecting them in the old space
 * took 15-20 % more of the main thread (paired profiles of org50: 12.1 s against 10.5 s, 13.4
 * against 11.2 s, 17.6 against 15.6 s, the difference all garbage collection), where a single
 * account's scan, bound by AWS, showed no cost.
 */
export function unboundYoungGeneration(
  execArgv: readonly string[] = process.execArgv,
  set: (flags: string) => void = setFlagsFromString,
): boolean {
  if (execArgv.some((arg) => SEMI_SPACE.test(arg))) return false;
  set(`--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH_FACTOR}`);
  return true;
}

/**
 * What the process's memory is made of at its peak: the benchmark samples RSS and V8's heap
 * spaces while a size runs and keeps the sample with the most RSS, so that a peak over target
 * says where it is (the old space V8 sized for the live heap, the young generation, code, or
 * memory outside V8's heap) and when (checks or reports), without a heap snapshot.
 *
 * Sampling reads counters V8 and the kernel already keep (a few microseconds every
 * SAMPLE_MS); it allocates nothing that lives. A peak between two samples is missed by at
 * most what the process allocates in SAMPLE_MS: `peakRssMb` (the kernel's own maximum) stays
 * the figure the targets are judged on.
 */
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

export const SAMPLE_MS = 100;

export interface MemoryAtPeak {
  /** When, from the start of the size's run. */
  atMs: number;
  rssMb: number;
  /** What V8 holds from the system for its heap, in all; the four fields after it split it by space (old: every space not named). */
  heapMb: number;
  oldSpaceMb: number;
  youngMb: number;
  largeObjectsMb: number;
  codeMb: number;
  /** Of the heap, what objects (live or not yet collected) take. */
  heapUsedMb: number;
  /** RSS outside V8's heap: node itself, its libraries and native memory. */
  outsideHeapMb: number;
}

const MB = 1024 * 1024;
const mb = (bytes: number): number => Math.round(bytes / MB);

/** Space names V8 gives (`new_space`, `old_space`…) grouped as the result reports them. */
function spaces(): { old: number; young: number; largeObjects: number; code: number } {
  const out = { old: 0, young: 0, largeObjects: 0, code: 0 };
  for (const s of getHeapSpaceStatistics()) {
    const name = s.space_name;
    if (name === 'new_space' || name === 'new_large_object_space') out.young += s.space_size;
    else if (name === 'large_object_space') out.largeObjects += s.space_size;
    else if (name === 'code_space' || name === 'code_large_object_space') out.code += s.space_size;
    else out.old += s.space_size;
  }
  return out;
}

/** Starts sampling; `stop` ends it and gives the sample with the most RSS. */
export function sampleMemory(everyMs = SAMPLE_MS, readRss: () => number = process.memoryUsage.rss): { stop: () => MemoryAtPeak } {
  const started = performance.now();
  let peak: MemoryAtPeak | undefined;
  const sample = (): void => {
    const rss = readRss();
    if (peak && mb(rss) <= peak.rssMb) return;
    const s = spaces();
    const heap = getHeapStatistics();
    peak = {
      atMs: Math.round(performance.now() - started),
      rssMb: mb(rss),
      heapMb: mb(heap.total_heap_size),
      oldSpaceMb: mb(s.old),
      youngMb: mb(s.young),
      largeObjectsMb: mb(s.largeObjects),
      codeMb: mb(s.code),
      heapUsedMb: mb(heap.used_heap_size),
      outsideHeapMb: mb(rss - heap.total_heap_size),
    };
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak!;
    },
  };
}

/** One line: the peak's parts, and whether it came while the checks ran or the reports were written. */
export function describePeak(m: MemoryAtPeak, checksMs: number): string {
  const when = m.atMs <= checksMs ? 'checks' : 'reports';
  return (
    `RSS ${m.rssMb} MB ${(m.atMs / 1000).toFixed(1)} s in (${when}) = V8's heap ${m.heapMb} MB ` +
    `(old ${m.oldSpaceMb}, young ${m.youngMb}, large objects ${m.largeObjectsMb}, code ${m.codeMb}; ${m.heapUsedMb} MB of it used) ` +
    `+ ${m.outsideHeapMb} MB outside it`
  );
}

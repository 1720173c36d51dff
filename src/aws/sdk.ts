/**
 * The AWS SDK's packages, loaded with `require` rather than `import`. They are CommonJS
 * packages without a "type" field, so Node's ESM loader parses each one twice more before
 * running it: once to detect its format, once to find its named exports. For the thirty-odd
 * clients a full scan loads, that is about half a second of CPU on every run (measured: 1.2–1.4 s
 * by `import`, 0.7 s by `require`, on this project's machine). Types still come from `import type`.
 */
import { createRequire } from 'node:module';

export const sdk = createRequire(import.meta.url) as <T>(id: string) => T;

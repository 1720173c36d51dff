import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/engine/catalog.js';
import { renderChecksDoc } from '../../src/report/checks-doc.js';

describe('docs/checks.md', () => {
  it('lists every check of the catalog (run `npm run docs:checks` after adding one)', () => {
    expect(readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8')).toBe(renderChecksDoc(CATALOG));
    for (const check of CATALOG) expect(renderChecksDoc(CATALOG)).toContain(`\`${check.id}\``);
  });
});

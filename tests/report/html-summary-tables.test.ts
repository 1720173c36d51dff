/**
 * The HTML summary counts as its headline does: a waived FAIL is waived, never an open failure,
 * in the headline, in the open failures by severity, and in the fix-first list. (The redesigned
 * page replaced the "By category" / "By severity" tables, where the two once disagreed.)
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

const waiver = { reason: 'accepted', owner: 'team', expires: '2099-01-01', source: 'waivers.yaml:3' };
const html = renderHtml(
  reportOf([sampleFinding(1), sampleFinding(2, { waiver }), sampleFinding(3, { status: 'PASS', severity: 'low', category: 'identity' })]),
);

describe('HTML summary with a waived failure', () => {
  it('agrees everywhere: one open failure, one waived', () => {
    expect(html).toMatch(/<b>1 open failure<\/b>/);
    expect(html).toMatch(/1 waived/);
    const card = /<a class="sevcard sev-high[^"]*"[^>]*><b>(\d+)<\/b>high<\/a>/.exec(html);
    expect(card?.[1]).toBe('1');
    const fixFirst = /<div class="box" id="fix-first">(.*?)<\/div>/s.exec(html)?.[1] ?? '';
    expect(fixFirst).toContain('res-1');
    expect(fixFirst).not.toContain('res-2');
  });
});

/**
 * The HTML summary's "By category" and "By severity" tables count as its cards do: a waived FAIL
 * is waived, not an open failure.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

const waiver = { reason: 'accepted', owner: 'team', expires: '2099-01-01', source: 'waivers.yaml:3' };
const html = renderHtml(
  reportOf([sampleFinding(1), sampleFinding(2, { waiver }), sampleFinding(3, { status: 'PASS', severity: 'low', category: 'identity' })]),
);

/** The cells of the row `label` in the table captioned `caption`: header → number. */
function row(caption: string, label: string): Record<string, number> {
  const table = new RegExp(`<caption class="visually-hidden">${caption}</caption>(.*?)</table>`, 's').exec(html)?.[1] ?? '';
  const heads = [...table.matchAll(/<th class="num">([^<]+)<\/th>/g)].map((m) => m[1]!);
  const cells = new RegExp(`<tr><th>${label}</th>(.*?)</tr>`).exec(table)?.[1] ?? '';
  const values = [...cells.matchAll(/<td[^>]*>(\d+)<\/td>/g)].map((m) => Number(m[1]));
  return Object.fromEntries(heads.map((h, i) => [h, values[i]!]));
}

describe('HTML summary tables with a waived failure', () => {
  it('agree with the cards: one open failure, one waived', () => {
    expect(html).toMatch(/<div class="card s-FAIL"><b>1<\/b>Open failures<\/div>/);
    expect(html).toMatch(/<div class="card s-WAIVED"><b>1<\/b>Waived<\/div>/);
    expect(row('Results by category', 'infrastructure')).toEqual({ Pass: 0, 'Open fail': 1, Error: 0, 'N/A': 0, Waived: 1 });
    expect(row('Results by severity', 'high')).toEqual({ Pass: 0, 'Open fail': 1, Error: 0, 'N/A': 0, Waived: 1 });
    expect(row('Results by category', 'identity')).toEqual({ Pass: 1, 'Open fail': 0, Error: 0, 'N/A': 0, Waived: 0 });
  });
});

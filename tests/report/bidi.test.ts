/**
 * Bidirectional controls in AWS-derived strings (a group named "admin\u202Egpj.exe" displays as
 * "adminexe.jpg") are shown as escapes in HTML, CSV and Markdown; JSON keeps the exact string.
 */
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderMd } from '../../src/report/md.js';
import { visibleBidi } from '../../src/report/text.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const RAW = /[\u202A-\u202E\u2066-\u2069]/;
const NAME = 'admin\u202Egpj.exe';

const report = reportOf([
  sampleFinding(1, {
    resource: { id: NAME, type: 'AWS::EC2::SecurityGroup', name: NAME, arn: `arn:aws:ec2:us-east-1:123456789012:security-group/${NAME}` },
    message: `Group ${NAME} is open; tags: ${CONTROLS.join('x')}`,
    title: `Check \u2067title\u2069`,
  }),
]);

describe('bidi controls', () => {
  it('are each shown as their \\u escape', () => {
    expect(visibleBidi(NAME)).toBe('admin\\u202Egpj.exe');
    expect(visibleBidi(CONTROLS.join(''))).toBe('\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069');
    expect(visibleBidi('plain \u200F text')).toBe('plain \u200F text');
  });

  it.each([
    ['HTML', () => renderHtml(report), 'admin\\u202Egpj.exe'],
    ['CSV', () => renderCsv(report), 'admin\\u202Egpj.exe'],
    // Markdown escapes the backslash and the dot it shows.
    ['Markdown', () => renderMd(report), 'admin\\\\u202Egpj\\.exe'],
  ])('no raw control reaches %s, and the name shows its escape', (_format, render, shown) => {
    const text = render();
    expect(text).not.toMatch(RAW);
    expect(text).toContain(shown);
  });

  it('JSON keeps the exact string', () => {
    const parsed = JSON.parse(renderJson(report)) as { findings: Array<{ resource: { id: string } }> };
    expect(parsed.findings[0]!.resource.id).toBe(NAME);
  });
});

import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

/** The page's data block: what its script renders (tests/report/html.browser.test.ts shows it on screen). */
const dataOf = (html: string): { findings: Array<{ l: string; e?: unknown }> } =>
  JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as {
    findings: Array<{ l: string; e?: unknown }>;
  };

describe('the HTML finding detail shows the evidence a verdict was judged on', () => {
  it('carries it in the data block, escaped, only where a finding has some', () => {
    const evidence = {
      mustMatch: [{ label: 'root calls an API', event: { eventName: '</pre><script>alert(1)</script>', userIdentity: { type: 'Root' } } }],
    };
    const judged = sampleFinding(1, { evidence });
    const html = renderHtml(reportOf([judged, sampleFinding(2)]));
    const data = dataOf(html);
    expect(data.findings.find((f) => f.l === 'res-1')!.e).toEqual(evidence);
    expect(data.findings.find((f) => f.l === 'res-2')!.e).toBeUndefined();
    expect(html).toContain('root calls an API');
    expect(html).toContain('\\u003c/pre>\\u003cscript>alert(1)\\u003c/script>');
    expect(html).not.toContain('<script>alert(1)</script>');
  });
});

import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { reportOf, sampleFinding } from '../helpers/report.js';

describe('the HTML finding detail shows the evidence a verdict was judged on', () => {
  it('as escaped JSON under "Evidence", only where a finding has some', () => {
    const judged = sampleFinding(1, {
      evidence: {
        mustMatch: [
          { label: 'root calls an API', event: { eventName: '</pre><script>alert(1)</script>', userIdentity: { type: 'Root' } } },
        ],
      },
    });
    const html = renderHtml(reportOf([judged, sampleFinding(2)]));
    expect(html.match(/<summary>Evidence<\/summary>/g)).toHaveLength(1);
    expect(html).toContain('root calls an API');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
  });
});

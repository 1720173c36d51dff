import { describe, expect, it } from 'vitest';
import { mdEscape } from '../../src/report/md.js';

describe('Markdown escaping of AWS-derived text', () => {
  it('leaves no HTML, link, emphasis or table syntax', () => {
    const out = mdEscape('<img src=x onerror=alert(1)> [click](javascript:alert(1)) *a* _b_ `c` a|b\nnext & ~d~');
    expect(out).not.toMatch(/<|>|\n/);
    expect(out).toContain('&lt;img src\\=x onerror\\=alert\\(1\\)&gt;');
    expect(out).toContain('\\[click\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(out).toContain('\\*a\\* \\_b\\_ \\`c\\` a\\|b next &amp; \\~d\\~');
  });
});

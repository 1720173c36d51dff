/**
 * docs/checks.md: every check of the catalog, by category, with its compliance ids (generated: `npm run docs:checks`,
 * which also regenerates the CLI's lazy catalog index, src/engine/catalog-index.ts).
 */
import type { AnyCheck } from '../engine/check.js';
import { CATEGORIES } from '../engine/types.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderChecksDoc(catalog: readonly AnyCheck[]): string {
  const lines = [
    '# Checks',
    '',
    'Generated from the catalog by `npm run docs:checks`; `srm-audit list-checks --json` prints the same.',
    'Compliance ids: CIS AWS Foundations Benchmark v3.0.0 and v5.0.0, and AWS Security Hub control ids',
    "(`aws-fsbp`; a few belong to Security Hub's CIS or NIST standards rather than FSBP: the FSBP",
    'compliance view lists those as "unlisted").',
    '',
  ];
  for (const category of CATEGORIES) {
    const checks = catalog.filter((c) => c.category === category);
    lines.push(
      `## ${category} (${checks.length})`,
      '',
      '| check | title | responsibility | severity | scope | CIS v3.0 | CIS v5.0 | Security Hub / FSBP |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const c of checks) {
      const ids = (key: 'cis-aws-3.0' | 'cis-aws-5.0' | 'aws-fsbp') => (c.compliance[key] ?? []).join(', ') || '—';
      lines.push(
        `| \`${c.id}\` | ${cell(c.title)} | ${c.responsibility} | ${c.severity} | ${c.scope} | ${ids('cis-aws-3.0')} | ${ids('cis-aws-5.0')} | ${ids('aws-fsbp')} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

async function main(): Promise<void> {
  const { CATALOG } = await import('../engine/catalog.js');
  const { writeFileAtomic } = await import('./write.js');
  const { join } = await import('node:path');
  const { packageRoot } = await import('../util/package.js');
  const { renderCatalogIndex } = await import('../engine/catalog-index-render.js');
  const root = packageRoot();
  const file = join(root, 'docs', 'checks.md');
  await writeFileAtomic(file, renderChecksDoc(CATALOG));
  process.stdout.write(`wrote ${file} (${CATALOG.length} checks)\n`);
  // The CLI's lazy catalog: the same list, as metadata and module paths (see catalog-entry.ts).
  const index = join(root, 'src', 'engine', 'catalog-index.ts');
  await writeFileAtomic(index, renderCatalogIndex(CATALOG, root));
  process.stdout.write(`wrote ${index}\n`);
}

if (process.argv[1]?.endsWith('checks-doc.js')) await main();

import type { AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { AccessAnalyzerClient, paginateListAnalyzers } =
  sdk<typeof import('@aws-sdk/client-accessanalyzer')>('@aws-sdk/client-accessanalyzer');

registerClient('accessanalyzer', AccessAnalyzerClient);

/** Every IAM Access Analyzer analyzer in a region, of every type. */
export const analyzers = defineLoader({
  id: 'accessanalyzer.analyzers',
  actions: ['access-analyzer:ListAnalyzers'],
  async fetch({ aws }, region: string): Promise<AnalyzerSummary[]> {
    // ListAnalyzers documents no maximum page size; its default page holds every analyzer an account has in practice.
    return listAll(
      'access-analyzer:ListAnalyzers',
      'analyzers',
      'nextToken',
      paginateListAnalyzers({ client: aws.accessanalyzer(region) }, {}),
      (p) => p.analyzers,
    );
  },
});

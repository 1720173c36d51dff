/** Trusted Advisor in the demo account (issue 16): a Business support plan, one security check flagging the open bastion group. */
import { awsError, DEMO_NOW, type Handlers } from './types.js';

const CHECKS = [
  { id: '7DAFEmoDos', name: 'MFA on Root Account', category: 'security', metadata: ['Account', 'Status'] },
  {
    id: 'HCP4007jGY',
    name: 'Security Groups - Specific Ports Unrestricted',
    category: 'security',
    metadata: ['Region', 'Security Group Name', 'Security Group ID', 'Protocol', 'Status', 'Ports'],
  },
  { id: 'Pfx0RwqBli', name: 'Amazon S3 Bucket Permissions', category: 'security', metadata: ['Region', 'Bucket Name', 'Status'] },
  { id: 'Qch7DwouX1', name: 'Low Utilization Amazon EC2 Instances', category: 'cost_optimizing', metadata: ['Region', 'Instance ID'] },
];
const STATUS: Record<string, string> = { '7DAFEmoDos': 'ok', HCP4007jGY: 'warning', Pfx0RwqBli: 'ok', Qch7DwouX1: 'warning' };
const FLAGGED: Record<string, object[]> = {
  HCP4007jGY: [
    {
      status: 'warning',
      region: 'us-east-1',
      resourceId: 'a1b2c3d4e5f6',
      isSuppressed: false,
      metadata: ['us-east-1', 'bastion-ssh', 'sg-0b22bastion000002 (vpc-0demo0001)', 'tcp', 'Yellow', '22'],
    },
  ],
};
const resources = (id: string) => ({
  resourcesProcessed: 12,
  resourcesFlagged: FLAGGED[id]?.length ?? 0,
  resourcesIgnored: 0,
  resourcesSuppressed: 0,
});

export const supportHandlers: Handlers = {
  DescribeTrustedAdvisorChecks: (region) => {
    if (region !== 'us-east-1') throw awsError('UnknownEndpoint', 'The Support API is only in us-east-1.');
    return { checks: CHECKS.map((c) => ({ ...c, description: `${c.name}.` })) };
  },
  DescribeTrustedAdvisorCheckSummaries: (_region, input) => ({
    summaries: (input.checkIds as string[]).map((checkId) => ({
      checkId,
      timestamp: DEMO_NOW.toISOString(),
      status: STATUS[checkId] ?? 'not_available',
      hasFlaggedResources: !!FLAGGED[checkId]?.length,
      resourcesSummary: resources(checkId),
      categorySpecificSummary: {},
    })),
  }),
  DescribeTrustedAdvisorCheckResult: (_region, input) => {
    const checkId = String(input.checkId);
    return {
      result: {
        checkId,
        timestamp: DEMO_NOW.toISOString(),
        status: STATUS[checkId] ?? 'not_available',
        resourcesSummary: resources(checkId),
        categorySpecificSummary: {},
        flaggedResources: FLAGGED[checkId] ?? [],
      },
    };
  },
};

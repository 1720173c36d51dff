import { byRegion, DEMO_ACCOUNT, daysAgo, type Handlers } from './types.js';

const analyzer = (region: string, name: string, type: string, status: string) => ({
  arn: `arn:aws:access-analyzer:${region}:${DEMO_ACCOUNT}:analyzer/${name}`,
  name,
  type,
  status,
  createdAt: daysAgo(300),
});

// us-east-1 has an active external access analyzer; eu-west-1 only looks for unused access.
const analyzers: Partial<Record<string, ReturnType<typeof analyzer>[]>> = {
  'us-east-1': [analyzer('us-east-1', 'account-external', 'ACCOUNT', 'ACTIVE')],
  'eu-west-1': [analyzer('eu-west-1', 'unused-access', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE')],
};

export const accessanalyzerHandlers: Handlers = {
  ListAnalyzers: (region) => ({ analyzers: byRegion(analyzers, region) }),
};

import { DEMO_ORGANIZATION_ARN, DEMO_ORGANIZATION_ID, type Handlers } from './types.js';

/** The demo account is a member of an organization: conditions naming it are inside the zone of trust. */
export const organizationsHandlers: Handlers = {
  DescribeOrganization: () => ({
    Organization: {
      Id: DEMO_ORGANIZATION_ID,
      Arn: DEMO_ORGANIZATION_ARN,
      MasterAccountId: '111111111111',
      MasterAccountArn: `arn:aws:organizations::111111111111:account/${DEMO_ORGANIZATION_ID}/111111111111`,
      FeatureSet: 'ALL',
      AvailablePolicyTypes: [],
    },
  }),
};

/** Macie in the demo account (issue 16): on in us-east-1, never enabled in eu-west-1. */
import { awsError, daysAgo, DEMO_ACCOUNT, type Handlers } from './types.js';

export const macie2Handlers: Handlers = {
  GetMacieSession: (region) => {
    if (region !== 'us-east-1') throw awsError('AccessDeniedException', 'Macie is not enabled.', 403);
    return {
      status: 'ENABLED',
      createdAt: daysAgo(200),
      updatedAt: daysAgo(10),
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      serviceRole: `arn:aws:iam::${DEMO_ACCOUNT}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
    };
  },
};

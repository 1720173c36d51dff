import { awsError, type Handlers } from './types.js';

/** The demo account belongs to no organization: its zone of trust is itself and its trusted partner. */
export const organizationsHandlers: Handlers = {
  DescribeOrganization: () => {
    throw awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  },
};

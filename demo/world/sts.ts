import { DEMO_ACCOUNT, type Handlers } from './types.js';

export const stsHandlers: Handlers = {
  GetCallerIdentity: () => ({
    Account: DEMO_ACCOUNT,
    Arn: `arn:aws:sts::${DEMO_ACCOUNT}:assumed-role/SecurityAudit/demo`,
    UserId: 'AROADEMOEXAMPLE:demo',
  }),
};

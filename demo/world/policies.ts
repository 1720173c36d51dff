/** Policy documents and the accounts the demo's resource policies name. */
import { DEMO_ACCOUNT } from './types.js';

/** A partner the demo organisation trusts (DEMO_OPTIONS.trustedAccountIds). */
export const PARTNER_ACCOUNT = '111122223333';
/** An account nobody vouched for. */
export const STRANGER_ACCOUNT = '999988887777';

export const doc = (...Statement: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement });
export const own = `arn:aws:iam::${DEMO_ACCOUNT}:root`;

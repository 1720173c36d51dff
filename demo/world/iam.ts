import type { Handlers } from './types.js';

export const iamHandlers: Handlers = {
  GetAccountSummary: () => ({
    SummaryMap: {
      AccountMFAEnabled: 0,
      AccountPasswordPresent: 1,
      AccountAccessKeysPresent: 0,
      Users: 6,
      Groups: 2,
      Roles: 9,
      Policies: 4,
      MFADevices: 2,
      MFADevicesInUse: 2,
    },
  }),
};

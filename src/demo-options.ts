import type { CheckOptions } from './engine/options.js';

/**
 * The demo account's own settings, as its owners would put them in srm-audit.config.yaml:
 * the demo organisation keeps its data in the EU, so the residency checks have something to
 * judge. `scan --demo` and the demo builder apply them under any config file and --set.
 */
export const DEMO_OPTIONS: Partial<CheckOptions> = {
  allowedRegions: ['eu-west-1'],
  // A partner whose access is intended, and the stricter service settings the demo organisation asks for.
  trustedAccountIds: ['111122223333'],
  lambdaRequireVpc: true,
  dynamodbRequireCmk: true,
  glacierRequireVaultLock: true,
};

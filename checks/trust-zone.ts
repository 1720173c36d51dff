/**
 * The zone of trust an external-access check judges against: this account, the accounts the
 * `trustedAccountIds` option names, and the organization when DescribeOrganization can be read
 * (and the `trustOrganization` option allows it). An organization that cannot be read is left
 * out of the zone, which can only make more grants external, never fewer; `note` says so.
 */
import type { TrustZone } from '../src/analysis/resource-policy.js';
import { describeError, errorSentence } from '../src/aws/errors.js';
import { organization } from '../src/aws/loaders/organizations.js';
import type { CheckContext } from '../src/engine/check.js';

export const trustZoneLoaders = { organization };

export interface ZoneOfTrust extends TrustZone {
  /** Why the organization is not part of the zone, when it could have been. */
  note?: string;
}

type ZoneContext = Pick<CheckContext<typeof trustZoneLoaders>, 'accountId' | 'options' | 'load'>;

export async function trustZoneOf(ctx: ZoneContext): Promise<ZoneOfTrust> {
  const trustedAccountIds = [...new Set(ctx.options.trustedAccountIds.filter((id) => id !== ctx.accountId))];
  const zone: ZoneOfTrust = { accountId: ctx.accountId, trustedAccountIds };
  if (!ctx.options.trustOrganization) return zone;
  try {
    const org = await ctx.load.organization();
    if (org.inOrganization) zone.organizationId = org.id;
  } catch (error) {
    zone.note = `the organization could not be read, so conditions naming it count as external (${errorSentence(describeError(error))})`;
  }
  return zone;
}

/** The zone in a sentence, for a PASS or FAIL message. */
export function describeZone(zone: ZoneOfTrust): string {
  const parts = [`this account (${zone.accountId})`];
  if (zone.trustedAccountIds.length) parts.push(`trusted accounts ${zone.trustedAccountIds.join(', ')}`);
  if (zone.organizationId) parts.push(`organization ${zone.organizationId}`);
  return `zone of trust: ${parts.join(', ')}${zone.note ? `; ${zone.note}` : ''}`;
}

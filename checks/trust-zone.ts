/**
 * The zone of trust an external-access check judges against: this account, the accounts the
 * `trustedAccountIds` option names, and the organization when DescribeOrganization can be read
 * (and the `trustOrganization` option allows it). An organization that cannot be read is left
 * out of the zone, which can only make more grants external, never fewer; `note` says so.
 */
import {
  type AccessLevel,
  describeAccess,
  type PolicyAccess,
  type PolicyAnalysis,
  type ShareEntry,
  sharesOutsideZone,
  type TrustZone,
} from '../src/analysis/resource-policy.js';
import { describeError, errorSentence } from '../src/aws/errors.js';
import { organization } from '../src/aws/loaders/organizations.js';
import type { CheckContext, Evidence, ResultSink } from '../src/engine/check.js';
import type { Resource, Severity } from '../src/engine/types.js';
import { forEachInTurn, JUDGED_IN_FLIGHT } from '../src/engine/parallel.js';
import { reportVerdict, type Verdict } from './verdict.js';

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

/** One grant to a principal outside the zone, as an external-access check reports it. */
export interface ExternalGrant {
  /** A sentence: who, what, under which condition ("statement #2 lets 444455556666 write (…)"). */
  text: string;
  level: AccessLevel;
  public: boolean;
}

/**
 * Severity follows the access: write or permissions management above read, and public above
 * a named outsider. Listing names alone is the least.
 */
export function severityOfAccess(grants: readonly ExternalGrant[]): Severity {
  const rank = (g: ExternalGrant): number => {
    const writes = g.level === 'write' || g.level === 'permissions';
    if (writes) return g.public ? 4 : 3;
    if (g.level === 'read') return g.public ? 3 : 2;
    return g.public ? 2 : 1;
  };
  const top = Math.max(0, ...grants.map(rank));
  return (['low', 'low', 'medium', 'high', 'critical'] as const)[top]!;
}

/** A policy evaluator answer as external grants (its public ones marked). */
export function grantsOfAnalysis(analysis: PolicyAnalysis): ExternalGrant[] {
  const isPublic = (a: PolicyAccess): boolean =>
    analysis.public.some((p) => p.statement === a.statement && p.principal === a.principal && p.conditions === a.conditions);
  return analysis.external.map((a) => ({ text: describeAccess(a), level: a.level, public: isPublic(a) }));
}

/**
 * The one way an external-access check judges a resource: FAIL naming every outsider and what it
 * can do, with the severity of the worst; PASS saying what was judged. The zone is in both, and
 * in the evidence.
 */
export function externalAccessVerdict(
  grants: readonly ExternalGrant[],
  zone: ZoneOfTrust,
  opts: { none: string; evidence?: Evidence },
): Verdict {
  const evidence = { zoneOfTrust: { ...zone }, ...(opts.evidence ?? {}) };
  if (grants.length === 0) return { status: 'pass', message: `${opts.none} (${describeZone(zone)}).`, options: { evidence } };
  return {
    status: 'fail',
    message: `Reachable from outside the zone of trust: ${grants.map((g) => g.text).join('; ')} (${describeZone(zone)}).`,
    options: { evidence, severity: severityOfAccess(grants) },
  };
}

/**
 * Snapshots and images: each shared through a list of accounts (and groups, organizations) read
 * one call per resource. Every entry outside the zone is a FAIL line; `verb` says what it lets
 * the outsider do ("may launch it").
 */
export async function judgeSharedResources<T>(
  result: ResultSink,
  zone: ZoneOfTrust,
  items: readonly T[],
  describe: {
    resource: (item: T) => Resource;
    permissions: (item: T) => Promise<ShareEntry[]>;
    verb: string;
    evidenceKey: string;
  },
): Promise<void> {
  await forEachInTurn(items, JUDGED_IN_FLIGHT, async (item) => {
    let verdict: Verdict;
    try {
      const permissions = await describe.permissions(item);
      const outside = sharesOutsideZone(permissions, zone);
      verdict = externalAccessVerdict(
        outside.map((o) => ({ text: `${o.who} ${describe.verb}`, level: 'read' as const, public: o.public })),
        zone,
        {
          none: permissions.length ? 'Shared only inside the zone' : 'Not shared with any other account',
          evidence: { [describe.evidenceKey]: permissions },
        },
      );
    } catch (error) {
      verdict = { status: 'error', error };
    }
    reportVerdict(result, describe.resource(item), verdict);
  });
}

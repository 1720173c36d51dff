/**
 * What the two reachability checks (EC2 instances, RDS instances) share: the region's network
 * read once through memoised loaders (route tables, internet gateways, NACLs, security groups
 * with their prefix lists), and the finding text built from the analysis' verdicts.
 */
import {
  classifyRange,
  classLabel,
  describeExposure,
  evaluateEndpoint,
  portText,
  ReachabilityUnknown,
  type Endpoint,
  type EndpointExposure,
  type EndpointVerdict,
  type FilterCache,
  type PortClasses,
  type RegionNetwork,
} from '../../../src/analysis/reachability.js';
import { tagErrorAction } from '../../../src/aws/errors.js';
import { internetGateways, networkAcls, routeTables } from '../../../src/aws/loaders/ec2.js';
import { scopeResource, type CheckContext } from '../../../src/engine/check.js';
import type { CheckOptions } from '../../../src/engine/options.js';
import type { Severity } from '../../../src/engine/types.js';
import { loadResolvedGroups, sgLoaders } from './security-groups.js';

export const reachabilityLoaders = { ...sgLoaders, networkAcls, routeTables, internetGateways };
type ReachabilityContext = CheckContext<typeof reachabilityLoaders>;

export interface LoadedNetwork {
  network: RegionNetwork;
  /** Shared across the region's resources: interfaces with the same table, NACL and groups are judged once. */
  cache: FilterCache;
}

export async function loadRegionNetwork(ctx: ReachabilityContext): Promise<LoadedNetwork> {
  const { region, load, options } = ctx;
  const [tables, acls, resolved, gateways] = await Promise.all([
    load.routeTables(region),
    load.networkAcls(region),
    loadResolvedGroups(ctx),
    // Documented fallback: without the gateway listing, a route's own state ("blackhole" once its
    // gateway is detached) decides. Nothing is hidden by it: an unreadable listing never removes a
    // path; the failed read is still listed in run.errors (the run is partial).
    load.internetGateways(region).catch((error: unknown) => {
      ctx.result.degraded(scopeResource(region, ctx.accountId, ctx.partition), error);
      return undefined;
    }),
  ]);
  // Prefix lists that routes send to an internet gateway (rare): resolved through the same memoised loader.
  const routeLists = [
    ...new Set(
      tables.flatMap((t) =>
        (t.Routes ?? []).filter((r) => r.DestinationPrefixListId && r.GatewayId?.startsWith('igw-')).map((r) => r.DestinationPrefixListId!),
      ),
    ),
  ];
  const routeListCidrs = new Map<string, string[] | undefined>();
  await Promise.all(routeLists.map(async (id) => routeListCidrs.set(id, await load.prefixListCidrs(region, id).catch(() => undefined))));
  return {
    network: {
      routeTables: tables,
      gateways,
      acls,
      groups: new Map(resolved.groups.filter((g) => g.GroupId).map((g) => [g.GroupId!, g])),
      prefixListCidrs: (id) => resolved.prefixListCidrs(id) ?? routeListCidrs.get(id),
      internetPrefix: options.internetPrefix,
    },
    cache: new Map(),
  };
}

export function portClasses(options: CheckOptions): PortClasses {
  return { admin: options.adminPorts, database: options.databasePorts, intendedPublic: options.intendedPublicPorts };
}

export interface Assessment {
  verdicts: EndpointVerdict[];
  exposures: EndpointExposure[];
}

/** Every endpoint's verdict; an incomplete listing is reported against the read that lacked the piece. */
export function assess(endpoints: readonly Endpoint[], loaded: LoadedNetwork): Assessment {
  try {
    const verdicts = endpoints.map((e) => evaluateEndpoint(e, loaded.network, loaded.cache));
    return { verdicts, exposures: verdicts.flatMap((v) => v.exposures) };
  } catch (error) {
    if (error instanceof ReachabilityUnknown) tagErrorAction(error, error.action);
    throw error;
  }
}

export interface ExposureText {
  message: string;
  severity: Severity;
  /** False when every exposed port is an intended public one: informational, not a failure. */
  failing: boolean;
}

/**
 * "Reachable from the internet: <exposure>; <exposure>. Note: …" (parseExposures reads it back
 * for the HTML view). Admin or database ports make it critical, other ports high, and intended
 * public ports alone informational.
 */
export function exposureText(a: Assessment, classes: PortClasses, label?: (e: EndpointExposure) => string): ExposureText {
  let critical = false;
  let failing = false;
  const parts = a.exposures.map((e) => {
    const c = classifyRange(e.range, classes);
    if (!c.intended) failing = true;
    if (c.admin.length || c.database.length) critical = true;
    return describeExposure(e.range, label ? label(e) : classLabel(c), e.context);
  });
  const notes = [...new Set(a.verdicts.flatMap((v) => v.returnNotes))];
  const head = failing ? 'Reachable from the internet' : 'Reachable from the internet only on intended public ports';
  const note = notes.length ? ` Note: ${notes.join('; ')}.` : '';
  return {
    message: `${head}: ${parts.join('; ')}.${note}`,
    severity: !failing ? 'informational' : critical || label !== undefined ? 'critical' : 'high',
    failing,
  };
}

/** Why nothing is reachable, and what the filters would have let in had it been: the case peers get wrong. */
export function unreachableText(a: Assessment, noAddress: string, lead = ''): string {
  const reasons = [...new Set(a.verdicts.flatMap((v) => v.reasons))];
  const would = [...new Set(a.verdicts.flatMap((v) => v.wouldAdmit.map((r) => `${portText(r)} (IPv${r.version})`)))];
  const wouldText = would.length ? ` Its security groups and network ACL alone would admit the internet on ${shortList(would)}.` : '';
  return `Not reachable from the internet: ${lead}${reasons.length ? reasons.join('; ') : noAddress}.${wouldText}`;
}

function shortList(items: readonly string[], max = 6): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

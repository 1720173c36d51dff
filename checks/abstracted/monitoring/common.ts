/** What the logging and monitoring checks share: the trails the scanned regions see, and their state. */
import type { GetEventSelectorsResponse, Trail } from '@aws-sdk/client-cloudtrail';
import { managementCoverage, type Coverage } from '../../../src/analysis/cloudtrail-selectors.js';
import { describeError, tagErrorAction } from '../../../src/aws/errors.js';
import { eventSelectors, trails, trailStatus } from '../../../src/aws/loaders/cloudtrail.js';
import type { BoundLoaders, CheckContext } from '../../../src/engine/check.js';
import type { Resource } from '../../../src/engine/types.js';
import { reportVerdict, type Verdict } from '../../verdict.js';

export const trailLoaders = { trails, trailStatus, eventSelectors };
type TrailLoaders = BoundLoaders<typeof trailLoaders>;

/** The account an ARN belongs to (its fifth field). */
export const accountOf = (arn: string): string => arn.split(':')[4] ?? '';
/** The region an ARN belongs to (its fourth field). */
export const regionOf = (arn: string): string => arn.split(':')[3] ?? '';

export function trailResource(trail: Trail): Resource {
  return { id: trail.Name ?? trail.TrailARN!, type: 'AWS::CloudTrail::Trail', arn: trail.TrailARN };
}

/** "trail org-trail (an organization trail of account 111122223333)": who a reviewer must ask. */
export function trailLabel(trail: Trail, accountId: string): string {
  const owner = accountOf(trail.TrailARN!);
  const org = trail.IsOrganizationTrail ? 'an organization trail' : 'a trail';
  return owner === accountId ? `trail ${trail.Name}` : `trail ${trail.Name} (${org} of account ${owner})`;
}

/**
 * Every trail the scanned regions see, once each (a multi-region trail shows in every region
 * as a shadow trail). One DescribeTrails per scanned region, shared by every check.
 */
export async function scannedTrails(load: { trails: TrailLoaders['trails'] }, regions: readonly string[]): Promise<Trail[]> {
  const seen = new Map<string, Trail>();
  for (const list of await Promise.all(regions.map((r) => load.trails(r)))) {
    for (const t of list) if (!seen.has(t.TrailARN!)) seen.set(t.TrailARN!, t);
  }
  return [...seen.values()].sort((a, b) => a.TrailARN!.localeCompare(b.TrailARN!));
}

export type TrailState =
  | { trail: Trail; ok: true; management: Coverage; logging: boolean; selectors: GetEventSelectorsResponse }
  | { trail: Trail; ok: false; error: unknown };

/** A multi-region trail's status and management-event coverage, read in its home region. */
export async function multiRegionTrailStates(ctx: CheckContext<typeof trailLoaders>): Promise<TrailState[]> {
  const all = await scannedTrails(ctx.load, ctx.regions);
  return Promise.all(
    all
      .filter((t) => t.IsMultiRegionTrail)
      .map(async (trail): Promise<TrailState> => {
        try {
          const [status, selectors] = await Promise.all([
            ctx.load.trailStatus(trail.HomeRegion!, trail.TrailARN!),
            ctx.load.eventSelectors(trail.HomeRegion!, trail.TrailARN!),
          ]);
          return { trail, ok: true, logging: status.IsLogging, management: managementCoverage(selectors), selectors };
        } catch (error) {
          return { trail, ok: false, error: naming(error, trailLabel(trail, ctx.accountId)) };
        }
      }),
  );
}

/** Why a readable multi-region trail does not record all management events while logging, or undefined when it does. */
export function managementShortfall(state: Extract<TrailState, { ok: true }>): string | undefined {
  const gaps = [
    !state.logging ? 'is not logging' : '',
    !state.management.read && !state.management.write
      ? 'records no management events'
      : !state.management.read
        ? 'records no read management events'
        : !state.management.write
          ? 'records no write management events'
          : '',
  ].filter(Boolean);
  const notes = state.management.notes.length ? ` (${state.management.notes.join('; ')})` : '';
  return gaps.length ? `${gaps.join(' and ')}${notes}` : undefined;
}

/**
 * The same failure, with the resource it was about put in front of its message, so an ERROR
 * names the trail, log group or topic (often another account's) that could not be read.
 */
export function naming(error: unknown, what: string): unknown {
  const info = describeError(error);
  if (info.kind === 'internal') return error;
  const named = Object.assign(new Error(`${what}: ${info.message}`), {
    name: info.code,
    $fault: (error as { $fault?: unknown } | undefined)?.$fault ?? 'client',
    $metadata: (error as { $metadata?: unknown } | undefined)?.$metadata ?? {},
  });
  if (info.action) tagErrorAction(named, info.action);
  return named;
}

/** Every trail the scanned regions see, judged once each and reported in its home region. */
export async function judgeTrails(
  ctx: CheckContext<{ trails: typeof trails }>,
  judge: (trail: Trail) => Promise<Verdict> | Verdict,
): Promise<void> {
  for (const trail of await scannedTrails(ctx.load, ctx.regions)) {
    let verdict: Verdict;
    try {
      verdict = await judge(trail);
    } catch (error) {
      verdict = { status: 'error', error: naming(error, trailLabel(trail, ctx.accountId)) };
    }
    reportVerdict(ctx.result, trailResource(trail), verdict, { region: trail.HomeRegion! });
  }
}

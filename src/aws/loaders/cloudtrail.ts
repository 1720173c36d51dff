import type { GetEventSelectorsResponse, GetTrailStatusResponse, Trail } from '@aws-sdk/client-cloudtrail';
import { MalformedResponse, requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } =
  sdk<typeof import('@aws-sdk/client-cloudtrail')>('@aws-sdk/client-cloudtrail');

registerClient('cloudtrail', CloudTrailClient);

/**
 * The trails a region sees: its own, and (includeShadowTrails) the multi-region and
 * organization trails of other home regions and of the management account. DescribeTrails
 * is not paginated; AWS always sends trailList (empty when there are none).
 */
export const trails = defineLoader({
  id: 'cloudtrail.trails',
  actions: ['cloudtrail:DescribeTrails'],
  async fetch({ aws }, region: string): Promise<Trail[]> {
    const out = await aws.client('cloudtrail', region).send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    const list = requireField(out?.trailList, 'trailList', 'cloudtrail:DescribeTrails');
    for (const trail of list) {
      if (!trail.TrailARN || !trail.HomeRegion)
        throw new MalformedResponse('a trail held no TrailARN or HomeRegion', 'cloudtrail:DescribeTrails');
    }
    return list;
  },
});

/** Whether the trail is logging; asked in the trail's home region, by ARN (organization trails too). */
export const trailStatus = defineLoader({
  id: 'cloudtrail.trailStatus',
  actions: ['cloudtrail:GetTrailStatus'],
  async fetch({ aws }, homeRegion: string, trailArn: string): Promise<GetTrailStatusResponse & { IsLogging: boolean }> {
    const out = await aws.client('cloudtrail', homeRegion).send(new GetTrailStatusCommand({ Name: trailArn }));
    return { ...out, IsLogging: requireField(out?.IsLogging, 'IsLogging', 'cloudtrail:GetTrailStatus') };
  },
});

/**
 * The trail's basic or advanced event selectors. A trail always has one kind or the other
 * (a new trail gets a basic selector logging all management events): an answer with neither
 * is unusable, not "logs nothing".
 */
export const eventSelectors = defineLoader({
  id: 'cloudtrail.eventSelectors',
  actions: ['cloudtrail:GetEventSelectors'],
  async fetch({ aws }, homeRegion: string, trailArn: string): Promise<GetEventSelectorsResponse> {
    const out = await aws.client('cloudtrail', homeRegion).send(new GetEventSelectorsCommand({ TrailName: trailArn }));
    if (!Array.isArray(out?.EventSelectors) && !Array.isArray(out?.AdvancedEventSelectors)) {
      throw new MalformedResponse('it held neither EventSelectors nor AdvancedEventSelectors', 'cloudtrail:GetEventSelectors');
    }
    // CloudTrail states both fields of every basic selector and the field of every condition:
    // without them what the trail records is unknown, and no default may stand in for it.
    for (const s of out.EventSelectors ?? []) {
      if (typeof s.IncludeManagementEvents !== 'boolean' || !s.ReadWriteType)
        throw new MalformedResponse('an event selector held no IncludeManagementEvents or ReadWriteType', 'cloudtrail:GetEventSelectors');
    }
    for (const s of out.AdvancedEventSelectors ?? []) {
      if (!Array.isArray(s.FieldSelectors) || s.FieldSelectors.some((f) => !f.Field))
        throw new MalformedResponse(
          'an advanced event selector held no FieldSelectors, or a condition without its Field',
          'cloudtrail:GetEventSelectors',
        );
    }
    return { EventSelectors: out.EventSelectors, AdvancedEventSelectors: out.AdvancedEventSelectors, TrailARN: out.TrailARN };
  },
});

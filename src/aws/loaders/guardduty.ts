import { requireField } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const { GetDetectorCommand, GuardDutyClient, paginateListDetectors } =
  sdk<typeof import('@aws-sdk/client-guardduty')>('@aws-sdk/client-guardduty');

registerClient('guardduty', GuardDutyClient);

export interface Detector {
  id: string;
  /** ENABLED or DISABLED. */
  status: string;
}

/** The region's detectors (at most one per account and region) with their status. */
export const detectors = defineLoader({
  id: 'guardduty.detectors',
  actions: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
  async fetch({ aws }, region: string): Promise<Detector[]> {
    const client = aws.client('guardduty', region);
    const ids = await listAll(
      'guardduty:ListDetectors',
      'DetectorIds',
      'NextToken',
      paginateListDetectors({ client }, {}),
      (p) => p.DetectorIds,
    );
    return Promise.all(
      ids.map(async (id) => {
        const out = await client.send(new GetDetectorCommand({ DetectorId: id }));
        return { id, status: requireField(out?.Status, 'Status', 'guardduty:GetDetector') };
      }),
    );
  },
});

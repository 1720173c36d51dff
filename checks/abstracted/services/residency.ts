/** Data residency of the data-holding abstracted services: every resource of a region is judged by checks/residency.ts. */
import { defineCheck, type CheckContext, type LoaderMap } from '../../../src/engine/check.js';
import type { Resource } from '../../../src/engine/types.js';
import { judgeResidency, RESIDENCY_META, withoutPolicy } from '../../residency.js';

export function residencyCheck<L extends LoaderMap>(spec: {
  id: string;
  service: string;
  what: string;
  plural: string;
  remediation: string;
  loaders: L;
  list(ctx: CheckContext<L>): Promise<Resource[]>;
}) {
  return defineCheck({
    ...RESIDENCY_META,
    id: spec.id,
    title: `${spec.plural} are only in allowed regions`,
    category: 'abstracted',
    service: spec.service,
    scope: 'regional',
    remediation: spec.remediation,
    loaders: spec.loaders,
    async run(ctx) {
      const allowed = ctx.options.allowedRegions;
      if (withoutPolicy(allowed, ctx)) return;
      for (const resource of await spec.list(ctx)) judgeResidency(ctx.result, resource, spec.what, ctx.region, allowed);
    },
  });
}

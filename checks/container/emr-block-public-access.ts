import { blockPublicAccess } from '../../src/aws/loaders/emr.js';
import { defineCheck, scopeResource } from '../../src/engine/check.js';

/** Port 22 is the one exception FSBP EMR.2 (emr-block-public-access) allows, and the default one. */
const ALLOWED_PORT = 22;

export default defineCheck({
  id: 'emr-block-public-access',
  title: 'EMR block public access is on, with no exception but port 22',
  risk: 'Without it, a cluster can launch with security groups open to the internet on any port, exposing its web UIs and services.',
  category: 'container',
  responsibility: 'public-access',
  service: 'emr',
  scope: 'regional',
  severity: 'critical',
  compliance: { 'aws-fsbp': ['EMR.2'] },
  remediation:
    'Turn on block public access in the EMR console (Block public access) of each region and remove every port exception other than 22.',
  loaders: { blockPublicAccess },
  async run({ region, accountId, partition, load, result }) {
    const resource = { ...scopeResource(region, accountId, partition), name: `EMR block public access in ${region}` };
    const config = await load.blockPublicAccess(region);
    if (!config.BlockPublicSecurityGroupRules) {
      result.fail(resource, `Block public access is off in ${region}: clusters may launch with security groups open to the internet.`);
      return;
    }
    const ranges = config.PermittedPublicSecurityGroupRuleRanges ?? [];
    const text = (r: { MinRange?: number; MaxRange?: number }) =>
      r.MaxRange === undefined || r.MaxRange === r.MinRange ? String(r.MinRange) : `${r.MinRange}-${r.MaxRange}`;
    const extra = ranges.filter((r) => !(r.MinRange === ALLOWED_PORT && (r.MaxRange === undefined || r.MaxRange === ALLOWED_PORT)));
    if (extra.length)
      result.fail(
        resource,
        `Block public access is on in ${region}, but its exceptions also open ${extra.map(text).join(', ')} to the internet.`,
      );
    else
      result.pass(
        resource,
        `Block public access is on in ${region}${ranges.length ? ' (exception: port 22 only)' : ' with no exception'}.`,
      );
  },
});

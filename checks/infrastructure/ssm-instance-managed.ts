import { defineCheck } from '../../src/engine/check.js';
import { NOT_MANAGED, runningWithSsm, ssmInstanceLoaders } from './support/ssm.js';

export default defineCheck({
  id: 'ssm-instance-managed',
  title: 'Running EC2 instances are managed by Systems Manager, online, with a current agent',
  risk: 'An instance Systems Manager does not manage cannot be patched or inventoried by it: nobody can say whether its operating system is patched.',
  category: 'infrastructure',
  responsibility: 'patching',
  service: 'ssm',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['SSM.1'] },
  remediation:
    'Install or start SSM Agent and give the instance a role with AmazonSSMManagedInstanceCore (or turn on Default Host Management Configuration); keep the agent updated (State Manager AWS-UpdateSSMAgent).',
  loaders: ssmInstanceLoaders,
  async run(ctx) {
    for (const { resource, managed } of await runningWithSsm(ctx)) {
      if (!managed) {
        ctx.result.fail(resource, NOT_MANAGED);
        continue;
      }
      const agent = managed.AgentVersion ? `SSM Agent ${managed.AgentVersion}` : 'SSM Agent';
      if (managed.PingStatus !== 'Online') {
        const since = managed.LastPingDateTime ? ` (last ping ${new Date(managed.LastPingDateTime).toISOString()})` : '';
        ctx.result.fail(
          resource,
          `Managed, but its ${agent} is ${managed.PingStatus ?? 'in an unknown state'}${since}: patching cannot reach it.`,
        );
      } else if (managed.IsLatestVersion === false && managed.PlatformType !== 'Windows') {
        // AWS documents IsLatestVersion for Linux nodes only: on Windows, some servers run EC2Config, and the flag says nothing.
        ctx.result.fail(resource, `Managed and online, but ${agent} is not the latest version.`);
      } else {
        ctx.result.pass(resource, `Managed and online (${agent}${managed.PlatformName ? `, ${managed.PlatformName}` : ''}).`);
      }
    }
  },
});

import { autoScalingGroups } from '../../src/aws/loaders/autoscaling.js';
import { defineCheck } from '../../src/engine/check.js';
import { groupResource } from './support/autoscaling.js';

export default defineCheck({
  id: 'autoscaling-group-launch-template',
  title: 'Auto Scaling groups launch from launch templates, not launch configurations',
  risk: 'Launch configurations cannot be versioned or edited and lack newer security settings, so fixes to what the group launches tend not to happen.',
  category: 'infrastructure',
  responsibility: 'patching',
  service: 'autoscaling',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['AutoScaling.9'] },
  remediation: 'Copy the launch configuration to a launch template (console: "Copy to launch template") and update the group to use it.',
  loaders: { autoScalingGroups },
  async run({ region, load, result }) {
    for (const group of await load.autoScalingGroups(region)) {
      const resource = groupResource(group);
      const template = group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
      if (group.LaunchConfigurationName) result.fail(resource, `Launches from launch configuration ${group.LaunchConfigurationName}.`);
      else if (template)
        result.pass(
          resource,
          `Launches from launch template ${template.LaunchTemplateName ?? template.LaunchTemplateId} (version ${template.Version ?? '$Default'}).`,
        );
      else result.error(resource, new Error('the group names neither a launch configuration nor a launch template'));
    }
  },
});

import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import { configurationRecorders, configurationRecorderStatus, deliveryChannels } from '../../../src/aws/loaders/config.js';
import { defineCheck, scopeResource } from '../../../src/engine/check.js';

type RegionState =
  | { region: string; ok: true; good: ConfigurationRecorder[]; problems: string[]; channel: boolean }
  | { region: string; ok: false; error: unknown };

/** Why a recorder does not record everything, now: empty when it does. */
function recorderProblems(recorder: ConfigurationRecorder, status: ConfigurationRecorderStatus | undefined): string[] {
  const name = `recorder ${recorder.name ?? '(unnamed)'}`;
  const problems: string[] = [];
  if (!status) problems.push(`${name} has no status`);
  else {
    if (status.recording !== true) problems.push(`${name} is not recording`);
    if (String(status.lastStatus).toUpperCase() === 'FAILURE')
      problems.push(
        `${name}'s last recording failed (${status.lastErrorCode ?? 'no error code'}: ${status.lastErrorMessage ?? 'no message'})`,
      );
  }
  const group = recorder.recordingGroup;
  // allSupported is how AWS says "every current and future supported type"; a list of types or
  // exclusions (recordingStrategy INCLUSION/EXCLUSION_BY_RESOURCE_TYPES) records less.
  if (group?.allSupported !== true) problems.push(`${name} records only selected resource types`);
  return problems;
}

export default defineCheck({
  id: 'config-recorder-enabled',
  title: 'AWS Config records all supported resource types in every scanned region',
  risk: 'Without a configuration history, what a resource looked like before an incident, and who changed it, cannot be reconstructed; Config rules and Security Hub controls stop evaluating.',
  category: 'abstracted',
  responsibility: 'logging',
  service: 'config',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['3.3'], 'cis-aws-5.0': ['3.3'], 'aws-fsbp': ['Config.1'] },
  remediation:
    'In each region: aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<service-linked role> --recording-group allSupported=true,includeGlobalResourceTypes=true (in one region); put-delivery-channel; start-configuration-recorder.',
  loaders: { configurationRecorders, configurationRecorderStatus, deliveryChannels },
  async run({ regions, accountId, partition, load, result }) {
    const states = await Promise.all(
      regions.map(async (region): Promise<RegionState> => {
        try {
          const [recorders, statuses, channels] = await Promise.all([
            load.configurationRecorders(region),
            load.configurationRecorderStatus(region),
            load.deliveryChannels(region),
          ]);
          const problems: string[] = [];
          const good = recorders.filter((r) => {
            const p = recorderProblems(
              r,
              statuses.find((s) => s.name === r.name),
            );
            problems.push(...p);
            return !p.length;
          });
          return { region, ok: true, good, problems, channel: channels.length > 0 };
        } catch (error) {
          return { region, ok: false, error };
        }
      }),
    );
    // Global resource types (IAM) need recording in one region only; CIS asks for exactly that.
    const globalIn = states
      .filter((s) => s.ok && s.good.some((r) => r.recordingGroup?.includeGlobalResourceTypes === true))
      .map((s) => s.region);
    for (const state of states) {
      const resource = scopeResource(state.region, accountId, partition);
      const opts = { region: state.region };
      if (!state.ok) {
        result.error(resource, state.error, opts);
        continue;
      }
      const gaps = [...(state.good.length ? [] : state.problems.length ? state.problems : ['no configuration recorder exists'])];
      if (!state.channel) gaps.push('no delivery channel exists');
      if (!gaps.length && !globalIn.length)
        gaps.push('no scanned region records global resource types (IAM): set includeGlobalResourceTypes in one region');
      if (gaps.length) result.fail(resource, `AWS Config is not fully on: ${gaps.join('; ')}.`, opts);
      else
        result.pass(
          resource,
          `${state.good.map((r) => `Recorder ${r.name}`).join(', ')} records all supported resource types and has a delivery channel; global resource types are recorded in ${globalIn.join(', ')}.`,
          opts,
        );
    }
  },
});

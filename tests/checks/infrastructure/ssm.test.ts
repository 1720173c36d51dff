import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client, type Instance } from '@aws-sdk/client-ec2';
import {
  DescribeDocumentPermissionCommand,
  DescribeInstanceInformationCommand,
  GetServiceSettingCommand,
  ListDocumentsCommand,
  ListResourceComplianceSummariesCommand,
  SSMClient,
  type ResourceComplianceSummaryItem,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import amiNotStale from '../../../checks/infrastructure/ec2-instance-ami-not-stale.js';
import profileAttached from '../../../checks/infrastructure/ec2-instance-profile-attached.js';
import stoppedRemoved, { stoppedSince } from '../../../checks/infrastructure/ec2-stopped-instance-removed.js';
import associationCompliant from '../../../checks/infrastructure/ssm-association-compliant.js';
import documentNotPublic from '../../../checks/infrastructure/ssm-document-not-public.js';
import instanceManaged from '../../../checks/infrastructure/ssm-instance-managed.js';
import patchCompliant from '../../../checks/infrastructure/ssm-patch-compliant.js';
import sharingBlocked from '../../../checks/infrastructure/ssm-public-sharing-blocked.js';
import { awsError, findingFor, runAll, runCheck, verdicts } from '../../helpers/check-tester.js';

const ec2 = mockClient(EC2Client);
const ssm = mockClient(SSMClient);
beforeEach(() => {
  ec2.reset();
  ssm.reset();
});

const NOW = new Date('2026-11-20T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const inst = (id: string, over: Partial<Instance> = {}): Instance => ({
  InstanceId: id,
  State: { Name: 'running' },
  ImageId: 'ami-1',
  ...over,
});
const withInstances = (...instances: Instance[]) => ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: instances }] });
const patch = (id: string, status: string, ranDaysAgo: number, critical = 0, high = 0): ResourceComplianceSummaryItem =>
  ({
    ComplianceType: 'Patch',
    ResourceType: 'ManagedInstance',
    ResourceId: id,
    Status: status,
    ExecutionSummary: { ExecutionTime: daysAgo(ranDaysAgo) },
    NonCompliantSummary: { NonCompliantCount: critical + high, SeveritySummary: { CriticalCount: critical, HighCount: high } },
  }) as ResourceComplianceSummaryItem;

describe('ssm-instance-managed (FSBP SSM.1)', () => {
  it('fails unmanaged, offline and out-of-date Linux agents; a Windows agent is not judged on IsLatestVersion', async () => {
    withInstances(
      inst('i-unmanaged'),
      inst('i-lost'),
      inst('i-old'),
      inst('i-win'),
      inst('i-ok'),
      inst('i-stopped', { State: { Name: 'stopped' } }),
    );
    ssm.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [
        { InstanceId: 'i-lost', PingStatus: 'ConnectionLost', IsLatestVersion: true, PlatformType: 'Linux' },
        { InstanceId: 'i-old', PingStatus: 'Online', IsLatestVersion: false, PlatformType: 'Linux', AgentVersion: '3.0' },
        { InstanceId: 'i-win', PingStatus: 'Online', IsLatestVersion: false, PlatformType: 'Windows' },
        { InstanceId: 'i-ok', PingStatus: 'Online', IsLatestVersion: true, PlatformType: 'Linux' },
      ],
    });
    const findings = await runCheck(instanceManaged);
    expect(verdicts(findings)).toEqual({ 'i-unmanaged': 'FAIL', 'i-lost': 'FAIL', 'i-old': 'FAIL', 'i-win': 'PASS', 'i-ok': 'PASS' });
    expect(findingFor(findings, 'i-unmanaged').message).toContain('patch state cannot be known');
    expect(findingFor(findings, 'i-lost').message).toContain('ConnectionLost');
  });
  it('a listing without InstanceInformationList is an ERROR, not "nothing managed"', async () => {
    withInstances(inst('i-1'));
    ssm.on(DescribeInstanceInformationCommand).resolves({});
    const [f] = await runCheck(instanceManaged);
    expect(f?.status).toBe('ERROR');
    expect(f?.message).toContain('ssm:DescribeInstanceInformation');
  });
});

describe('ssm-patch-compliant (FSBP SSM.2)', () => {
  it('reads one compliance listing per region, filtered to Patch, and judges current, missing, stale and never-scanned', async () => {
    withInstances(inst('i-ok'), inst('i-missing'), inst('i-stale'), inst('i-never'), inst('i-unmanaged'));
    ssm.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: ['i-ok', 'i-missing', 'i-stale', 'i-never'].map((InstanceId) => ({ InstanceId, PingStatus: 'Online' })),
    });
    ssm.on(ListResourceComplianceSummariesCommand).resolves({
      ResourceComplianceSummaryItems: [
        patch('i-ok', 'COMPLIANT', 1),
        patch('i-missing', 'NON_COMPLIANT', 1, 2, 3),
        patch('i-stale', 'COMPLIANT', 30),
      ],
    });
    const findings = await runCheck(patchCompliant, { now: NOW });
    expect(verdicts(findings)).toEqual({
      'i-ok': 'PASS',
      'i-missing': 'FAIL',
      'i-stale': 'FAIL',
      'i-never': 'FAIL',
      'i-unmanaged': 'NOT_APPLICABLE',
    });
    expect(findingFor(findings, 'i-missing').message).toBe(
      'NON_COMPLIANT: missing patches 5 (critical 2, high 3); last patch scan 2026-11-19.',
    );
    expect(findingFor(findings, 'i-stale').message).toContain('Stale');
    expect(findingFor(findings, 'i-ok').message).toContain('last patch scan 2026-11-19');
    expect(findingFor(findings, 'i-never').message).toContain('never been scanned');
    const calls = ssm.commandCalls(ListResourceComplianceSummariesCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input.Filters).toEqual([{ Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL' }]);
  });
  it('the stale bound is the patchScanMaxAgeDays option', async () => {
    withInstances(inst('i-1'));
    ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [{ InstanceId: 'i-1', PingStatus: 'Online' }] });
    ssm.on(ListResourceComplianceSummariesCommand).resolves({ ResourceComplianceSummaryItems: [patch('i-1', 'COMPLIANT', 30)] });
    expect(verdicts(await runCheck(patchCompliant, { now: NOW, options: { patchScanMaxAgeDays: 45 } }))['i-1']).toBe('PASS');
  });
  it('an answer that ignores the type filter does not lend association verdicts to patching', async () => {
    withInstances(inst('i-1'));
    ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [{ InstanceId: 'i-1', PingStatus: 'Online' }] });
    ssm.on(ListResourceComplianceSummariesCommand).resolves({
      ResourceComplianceSummaryItems: [{ ...patch('i-1', 'COMPLIANT', 1), ComplianceType: 'Association' }],
    });
    expect(verdicts(await runCheck(patchCompliant, { now: NOW }))['i-1']).toBe('FAIL');
  });
});

describe('ssm-association-compliant (FSBP SSM.3)', () => {
  it('judges each instance that has association compliance', async () => {
    withInstances(inst('i-1'), inst('i-2'));
    ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
    ssm.on(ListResourceComplianceSummariesCommand).resolves({
      ResourceComplianceSummaryItems: [
        { ...patch('i-1', 'COMPLIANT', 1), ComplianceType: 'Association' },
        { ...patch('i-2', 'NON_COMPLIANT', 1, 0, 1), ComplianceType: 'Association' },
      ],
    });
    expect(verdicts(await runCheck(associationCompliant, { now: NOW }))).toEqual({ 'i-1': 'PASS', 'i-2': 'FAIL' });
  });
});

describe('ssm-document-not-public (SSM.4) and ssm-public-sharing-blocked (SSM.7)', () => {
  it('a document shared with "all" is public; named accounts are not', async () => {
    ssm.on(ListDocumentsCommand).resolves({ DocumentIdentifiers: [{ Name: 'pub' }, { Name: 'named' }, { Name: 'gone' }] });
    ssm.on(DescribeDocumentPermissionCommand, { Name: 'pub' }).resolves({ AccountIds: ['all'] });
    ssm.on(DescribeDocumentPermissionCommand, { Name: 'named' }).resolves({ AccountIds: ['111122223333'] });
    ssm.on(DescribeDocumentPermissionCommand, { Name: 'gone' }).rejects(awsError('AccessDeniedException', 'no'));
    expect(verdicts(await runCheck(documentNotPublic))).toEqual({ pub: 'FAIL', named: 'PASS', gone: 'ERROR' });
    expect(ssm.commandCalls(ListDocumentsCommand)[0]!.args[0].input.Filters).toEqual([{ Key: 'Owner', Values: ['Self'] }]);
  });
  it.each([
    ['Disable', 'PASS'],
    ['Enable', 'FAIL'],
    ['Maybe', 'ERROR'],
  ])('public-sharing-permission %s → %s', async (value, status) => {
    ssm.on(GetServiceSettingCommand).resolves({ ServiceSetting: { SettingValue: value } });
    expect((await runCheck(sharingBlocked))[0]?.status).toBe(status);
  });
});

describe('ec2-instance-ami-not-stale', () => {
  it('judges the image age of running instances from one id-filtered DescribeImages; a deregistered image says so', async () => {
    withInstances(
      inst('i-new', { ImageId: 'ami-new' }),
      inst('i-old', { ImageId: 'ami-old' }),
      inst('i-gone', { ImageId: 'ami-gone', LaunchTime: daysAgo(400) }),
      inst('i-stopped', { ImageId: 'ami-old', State: { Name: 'stopped' } }),
    );
    ec2.on(DescribeImagesCommand).resolves({
      Images: [
        { ImageId: 'ami-new', CreationDate: daysAgo(10).toISOString() },
        { ImageId: 'ami-old', CreationDate: daysAgo(200).toISOString(), Name: 'old' },
      ],
    });
    const findings = await runCheck(amiNotStale, { now: NOW });
    expect(verdicts(findings)).toEqual({ 'i-new': 'PASS', 'i-old': 'FAIL', 'i-gone': 'FAIL' });
    expect(findingFor(findings, 'i-gone').message).toContain('deregistered');
    expect(findingFor(findings, 'i-gone').message).toContain('at least 400 days');
    expect(findingFor(findings, 'i-old').message).toContain('200 days ago');
    const input = ec2.commandCalls(DescribeImagesCommand)[0]!.args[0].input;
    expect(input.Filters).toEqual([{ Name: 'image-id', Values: ['ami-gone', 'ami-new', 'ami-old'] }]);
    expect(input.ImageIds).toBeUndefined();
    expect(verdicts(await runCheck(amiNotStale, { now: NOW, options: { amiMaxAgeDays: 365 } }))['i-old']).toBe('PASS');
  });
});

describe('ec2-stopped-instance-removed (FSBP EC2.4)', () => {
  it('reads the stop date from StateTransitionReason; an unknown date fails as the Config rule does', async () => {
    withInstances(
      inst('i-run'),
      inst('i-recent', { State: { Name: 'stopped' }, StateTransitionReason: 'User initiated (2026-11-10 08:00:00 GMT)' }),
      inst('i-old', { State: { Name: 'stopped' }, StateTransitionReason: 'User initiated (2026-09-01 08:00:00 GMT)' }),
      inst('i-unknown', { State: { Name: 'stopped' }, StateTransitionReason: 'Server.ScheduledStop' }),
    );
    const findings = await runCheck(stoppedRemoved, { now: NOW });
    expect(verdicts(findings)).toEqual({ 'i-run': 'PASS', 'i-recent': 'PASS', 'i-old': 'FAIL', 'i-unknown': 'FAIL' });
    expect(findingFor(findings, 'i-old').message).toContain('2026-09-01');
  });
  it.each([
    ['User initiated (2024-01-31 10:00:00 GMT)', '2024-01-31T10:00:00.000Z'],
    ['Client.UserInitiatedShutdown: User initiated shutdown', undefined],
    [undefined, undefined],
  ])('stoppedSince(%j)', (reason, iso) => {
    expect(stoppedSince(reason)?.toISOString()).toBe(iso);
  });
});

describe('ec2-instance-profile-attached (CIS 1.18 / 1.17)', () => {
  it('fails running instances without an instance profile', async () => {
    withInstances(inst('i-role', { IamInstanceProfile: { Arn: 'arn:aws:iam::1:instance-profile/app' } }), inst('i-bare'));
    const findings = await runAll([profileAttached]);
    expect(verdicts(findings)).toEqual({ 'i-role': 'PASS', 'i-bare': 'FAIL' });
    expect(findingFor(findings, 'i-role').message).toContain('app');
  });
});

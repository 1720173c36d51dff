import { DescribeFlowLogsCommand, DescribeInstancesCommand, DescribeVpcsCommand, EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import imdsv2 from '../../../checks/infrastructure/ec2-instance-imdsv2-required.js';
import publicIp from '../../../checks/infrastructure/ec2-instance-public-ip.js';
import flowLogs from '../../../checks/infrastructure/ec2-vpc-flow-logs-enabled.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());
const running = (id: string, extra: Partial<Instance> = {}): Instance => ({
  InstanceId: id,
  State: { Name: 'running', Code: 16 },
  MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
  ...extra,
});
const instancesAre = (...instances: Instance[]) => ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: instances }] });

describe('ec2-instance-imdsv2-required', () => {
  it('passes required tokens, fails optional (endpoint disabled too, as FSBP EC2.8 does), skips terminated, errors without metadata options', async () => {
    instancesAre(
      running('i-v2'),
      running('i-v1', { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } }),
      running('i-off', { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' } }),
      running('i-gone', { State: { Name: 'terminated', Code: 48 }, MetadataOptions: { HttpTokens: 'optional' } }),
      running('i-odd', { MetadataOptions: undefined }),
    );
    const findings = await runCheck(imdsv2);
    expect(verdicts(findings)).toEqual({ 'i-v2': 'PASS', 'i-v1': 'FAIL', 'i-off': 'FAIL', 'i-odd': 'ERROR' });
    expect(findingFor(findings, 'i-off').message).toMatch(
      /^IMDSv1 is allowed \(HttpTokens=optional\); the metadata endpoint is disabled now/,
    );
    expect(findingFor(findings, 'i-v1').message).toBe('IMDSv1 is allowed (HttpTokens=optional).');
  });

  it('reports ERROR on UnauthorizedOperation', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect((await runCheck(imdsv2)).map((f) => f.status)).toEqual(['ERROR']);
  });
});

describe('ec2-instance-public-ip', () => {
  it('fails a primary public IP or an Elastic IP on a secondary interface, at the configured severity', async () => {
    instancesAre(
      running('i-public', { PublicIpAddress: '54.1.2.3' }),
      running('i-eni', {
        NetworkInterfaces: [{ PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.5', Association: { PublicIp: '3.4.5.6' } }] }],
      }),
      running('i-private', { PrivateIpAddress: '10.0.0.9' }),
      running('i-gone', { State: { Name: 'terminated' }, PublicIpAddress: '54.9.9.9' }),
    );
    const findings = await runCheck(publicIp, { options: { publicIpSeverity: 'informational' } });
    expect(verdicts(findings)).toEqual({ 'i-public': 'FAIL', 'i-eni': 'FAIL', 'i-private': 'PASS' });
    expect(findingFor(findings, 'i-eni').message).toBe('Has public IPv4 address 3.4.5.6.');
    expect(findingFor(findings, 'i-public').severity).toBe('informational');
    expect((await runCheck(publicIp)).find((f) => f.resource.id === 'i-public')?.severity).toBe('high');
  });

  it('reports ERROR on UnauthorizedOperation', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect((await runCheck(publicIp)).map((f) => f.status)).toEqual(['ERROR']);
  });
});

describe('ec2-vpc-flow-logs-enabled', () => {
  it('counts only active, delivering, VPC-level flow logs that record rejected traffic', async () => {
    ec2.on(DescribeVpcsCommand).resolves({
      Vpcs: ['vpc-all', 'vpc-reject', 'vpc-accept', 'vpc-failing', 'vpc-subnet', 'vpc-none'].map((VpcId) => ({ VpcId })),
    });
    ec2.on(DescribeFlowLogsCommand).resolves({
      FlowLogs: [
        { FlowLogId: 'fl-1', ResourceId: 'vpc-all', FlowLogStatus: 'ACTIVE', TrafficType: 'ALL', DeliverLogsStatus: 'SUCCESS' },
        { FlowLogId: 'fl-2', ResourceId: 'vpc-reject', FlowLogStatus: 'ACTIVE', TrafficType: 'REJECT', LogDestinationType: 's3' },
        { FlowLogId: 'fl-3', ResourceId: 'vpc-accept', FlowLogStatus: 'ACTIVE', TrafficType: 'ACCEPT' },
        {
          FlowLogId: 'fl-4',
          ResourceId: 'vpc-failing',
          FlowLogStatus: 'ACTIVE',
          TrafficType: 'ALL',
          DeliverLogsStatus: 'FAILED',
          DeliverLogsErrorMessage: 'Access error',
        },
        { FlowLogId: 'fl-5', ResourceId: 'subnet-1', FlowLogStatus: 'ACTIVE', TrafficType: 'ALL' },
        { FlowLogId: 'fl-6', ResourceId: 'vpc-none', FlowLogStatus: 'INACTIVE', TrafficType: 'ALL' },
      ],
    });
    const findings = await runCheck(flowLogs);
    expect(verdicts(findings)).toEqual({
      'vpc-all': 'PASS',
      'vpc-reject': 'PASS',
      'vpc-accept': 'FAIL',
      'vpc-failing': 'FAIL',
      'vpc-subnet': 'FAIL',
      'vpc-none': 'FAIL',
    });
    expect(findingFor(findings, 'vpc-failing').message).toBe('No working flow log: fl-4 is ACTIVE, delivery failing (Access error).');
    expect(findingFor(findings, 'vpc-none').message).toBe('No working flow log: fl-6 is INACTIVE.');
    expect(findingFor(findings, 'vpc-subnet').message).toBe('No flow log is configured for this VPC.');
  });

  it('reports ERROR when either read is denied', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    ec2.on(DescribeFlowLogsCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect((await runCheck(flowLogs)).map((f) => f.status)).toEqual(['ERROR']);
  });
});

import { DescribeSecurityGroupsCommand, EC2Client, GetManagedPrefixListEntriesCommand, type IpPermission } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import cifs from '../../../checks/infrastructure/ec2-sg-cifs-open.js';
import defaultGroup from '../../../checks/infrastructure/ec2-sg-default-restricts-all.js';
import highRisk from '../../../checks/infrastructure/ec2-sg-high-risk-ports-open.js';
import unauthorized from '../../../checks/infrastructure/ec2-sg-unauthorized-ports-open.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';

const ec2 = mockClient(EC2Client);
const group = (id: string, ...perms: IpPermission[]) => ({
  GroupId: id,
  GroupName: id,
  OwnerId: '123456789012',
  IpPermissions: perms,
  IpPermissionsEgress: [],
});
const rule = (protocol: string, from: number, to: number, cidr: string): IpPermission => ({
  IpProtocol: protocol,
  FromPort: from,
  ToPort: to,
  ...(cidr.startsWith('pl-')
    ? { PrefixListIds: [{ PrefixListId: cidr }] }
    : cidr.includes(':')
      ? { Ipv6Ranges: [{ CidrIpv6: cidr }] }
      : { IpRanges: [{ CidrIp: cidr }] }),
});
const groups = (...g: ReturnType<typeof group>[]) => ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: g });

beforeEach(() => ec2.reset());

describe('ec2-sg-cifs-open', () => {
  it('fails 445 over IPv4 or IPv6 (any protocol covering it), passes a private source', async () => {
    groups(
      group('sg-smb', rule('tcp', 445, 445, '0.0.0.0/0')),
      group('sg-smb6', rule('-1', -1, -1, '::/0')),
      group('sg-lan', rule('tcp', 445, 445, '10.0.0.0/8')),
    );
    const findings = await runCheck(cifs);
    expect(verdicts(findings)).toEqual({ 'sg-smb': 'FAIL', 'sg-smb6': 'FAIL', 'sg-lan': 'PASS' });
    expect(findingFor(findings, 'sg-smb').message).toContain('port 445 (IPv4) from 0.0.0.0/0 via tcp 445');
  });

  it('reports ERROR on UnauthorizedOperation', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect((await runCheck(cifs)).map((f) => f.status)).toEqual(['ERROR']);
  });
});

describe('ec2-sg-high-risk-ports-open', () => {
  it('names every high-risk port a range opens, passes web ports', async () => {
    groups(
      group('sg-db', rule('tcp', 3300, 5500, '0.0.0.0/0')),
      group('sg-web', rule('tcp', 443, 443, '0.0.0.0/0'), rule('tcp', 80, 80, '::/0')),
    );
    const findings = await runCheck(highRisk);
    expect(verdicts(findings)).toEqual({ 'sg-db': 'FAIL', 'sg-web': 'PASS' });
    expect(findingFor(findings, 'sg-db').message).toBe(
      'Open to the internet: ports 3306, 3389, 4333, 5000, 5432, 5500 (IPv4) from 0.0.0.0/0 via tcp 3300-5500.',
    );
  });

  it('honours a configured port list, and errors when a referenced prefix list cannot be read', async () => {
    groups(group('sg-redis', rule('tcp', 6379, 6379, '0.0.0.0/0')), group('sg-pl', rule('tcp', 22, 22, 'pl-x')));
    ec2.on(GetManagedPrefixListEntriesCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect(verdicts(await runCheck(highRisk))).toEqual({ 'sg-redis': 'PASS', 'sg-pl': 'ERROR' });
    expect(verdicts(await runCheck(highRisk, { options: { highRiskPorts: [6379] } }))).toEqual({ 'sg-redis': 'FAIL', 'sg-pl': 'PASS' });
  });
});

describe('ec2-sg-unauthorized-ports-open', () => {
  it('passes 80/443 from the internet, fails everything else open to it (udp and -1 included), ignores icmp', async () => {
    groups(
      group('sg-web', rule('tcp', 80, 80, '0.0.0.0/0'), rule('6', 443, 443, '::/0')),
      group('sg-range', rule('tcp', 80, 8080, '0.0.0.0/0')),
      group('sg-dns', rule('udp', 53, 53, '0.0.0.0/0')),
      group('sg-all', rule('-1', -1, -1, '::/0')),
      group('sg-ping', rule('icmp', -1, -1, '0.0.0.0/0')),
      group('sg-private', rule('tcp', 0, 65535, '172.16.0.0/12')),
    );
    const findings = await runCheck(unauthorized);
    expect(verdicts(findings)).toEqual({
      'sg-web': 'PASS',
      'sg-range': 'FAIL',
      'sg-dns': 'FAIL',
      'sg-all': 'FAIL',
      'sg-ping': 'PASS',
      'sg-private': 'PASS',
    });
    expect(findingFor(findings, 'sg-range').message).toBe(
      'Open to the internet on unauthorised ports: tcp 81-442 (IPv4) from 0.0.0.0/0; tcp 444-8080 (IPv4) from 0.0.0.0/0.',
    );
    expect(findingFor(findings, 'sg-all').message).toContain('tcp 0-79 (IPv6) from ::/0');
    expect(findingFor(findings, 'sg-all').message).toContain('udp 0-65535 (IPv6) from ::/0');
    expect(findingFor(findings, 'sg-web').message).toBe('Open to the internet only on authorised ports (tcp 80, tcp 443).');
  });

  it('honours configured authorised ports', async () => {
    groups(group('sg-dns', rule('udp', 53, 53, '0.0.0.0/0')), group('sg-ssh', rule('tcp', 22, 22, '0.0.0.0/0')));
    expect(verdicts(await runCheck(unauthorized, { options: { authorizedIngressPorts: { tcp: [22], udp: [53] } } }))).toEqual({
      'sg-dns': 'PASS',
      'sg-ssh': 'PASS',
    });
  });

  it('reports ERROR when a prefix list cannot be read, and on UnauthorizedOperation', async () => {
    groups(group('sg-pl', rule('tcp', 22, 22, 'pl-x')));
    ec2.on(GetManagedPrefixListEntriesCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect(verdicts(await runCheck(unauthorized))).toEqual({ 'sg-pl': 'ERROR' });
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect((await runCheck(unauthorized)).map((f) => f.status)).toEqual(['ERROR']);
  });
});

describe('ec2-sg-default-restricts-all', () => {
  it('fails a default group with any rule (outbound included), passes an empty one, skips other groups', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-d1',
          GroupName: 'default',
          VpcId: 'vpc-1',
          IpPermissions: [],
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
        { GroupId: 'sg-d2', GroupName: 'default', VpcId: 'vpc-2', IpPermissions: [], IpPermissionsEgress: [] },
        { GroupId: 'sg-d3', GroupName: 'default', VpcId: 'vpc-3' },
        { GroupId: 'sg-app', GroupName: 'app', VpcId: 'vpc-1', IpPermissions: [rule('tcp', 22, 22, '0.0.0.0/0')], IpPermissionsEgress: [] },
      ],
    });
    const findings = await runCheck(defaultGroup);
    expect(verdicts(findings)).toEqual({ 'sg-d1': 'FAIL', 'sg-d2': 'PASS', 'sg-d3': 'ERROR' });
    expect(findingFor(findings, 'sg-d1').message).toBe('The default group of vpc-1 has 1 rule(s): outbound all traffic.');
  });

  it('reports ERROR on UnauthorizedOperation', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect((await runCheck(defaultGroup)).map((f) => f.status)).toEqual(['ERROR']);
  });
});

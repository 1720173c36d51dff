import { DescribeSecurityGroupsCommand, EC2Client, GetManagedPrefixListEntriesCommand, type IpPermission } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import check from '../../../checks/infrastructure/ec2-sg-admin-ports-open.js';
import checkV6 from '../../../checks/infrastructure/ec2-sg-admin-ports-open-ipv6.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';

const ec2 = mockClient(EC2Client);
const group = (id: string, ...perms: IpPermission[]) => ({ GroupId: id, GroupName: id, OwnerId: '123456789012', IpPermissions: perms });
const tcp = (from: number, to: number, cidr: string): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  IpRanges: [{ CidrIp: cidr }],
});

beforeEach(() => ec2.reset());

describe('ec2-sg-admin-ports-open', () => {
  it('fails a port range 20-25 from 0.0.0.0/0 and an all-traffic rule, passes 10.0.0.0/8', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        group('sg-range', tcp(20, 25, '0.0.0.0/0')),
        group('sg-all', { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
        group('sg-private', tcp(22, 22, '10.0.0.0/8')),
        group('sg-web', tcp(443, 443, '0.0.0.0/0')),
      ],
    });
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ 'sg-range': 'FAIL', 'sg-all': 'FAIL', 'sg-private': 'PASS', 'sg-web': 'PASS' });
    expect(findingFor(findings, 'sg-range').message).toContain('port 22 (IPv4) from 0.0.0.0/0 via tcp 20-25');
    expect(findingFor(findings, 'sg-all').message).toContain('ports 22, 3389 (IPv4) from 0.0.0.0/0 via all traffic');
  });

  it('fails split halves of the internet and protocol number 6; leaves IPv6 to the IPv6 check', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        group('sg-v6', { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }),
        group('sg-split', tcp(22, 22, '0.0.0.0/1'), tcp(22, 22, '128.0.0.0/1')),
        group('sg-numbered', { IpProtocol: '6', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
        group('sg-icmp', { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
      ],
    });
    expect(verdicts(await runCheck(check))).toEqual({ 'sg-v6': 'PASS', 'sg-split': 'FAIL', 'sg-numbered': 'FAIL', 'sg-icmp': 'PASS' });
    expect(verdicts(await runCheck(checkV6))).toEqual({ 'sg-v6': 'FAIL', 'sg-split': 'PASS', 'sg-numbered': 'PASS', 'sg-icmp': 'PASS' });
  });

  it('resolves managed prefix lists: an internet-wide list fails, a small one passes', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        group('sg-pl-open', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-open' }] }),
        group('sg-pl-office', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-office' }] }),
      ],
    });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-open' }).resolves({ Entries: [{ Cidr: '0.0.0.0/0' }] });
    ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-office' }).resolves({ Entries: [{ Cidr: '8.8.8.0/24' }] });
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ 'sg-pl-open': 'FAIL', 'sg-pl-office': 'PASS' });
    expect(findingFor(findings, 'sg-pl-open').message).toContain('pl-open');
  });

  it('reports ERROR, not PASS, when a referenced prefix list cannot be read', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [group('sg-pl', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-x' }] })],
    });
    ec2.on(GetManagedPrefixListEntriesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized'));
    const [finding] = await runCheck(check);
    expect(finding?.status).toBe('ERROR');
  });

  it('turns AccessDenied on DescribeSecurityGroups into one ERROR for the region naming the API and code', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const findings = await runCheck(check, { regions: ['us-east-1', 'eu-west-1'] });
    expect(findings.map((f) => [f.region, f.status, f.resource.type])).toEqual([
      ['eu-west-1', 'ERROR', 'AWS::::Region'],
      ['us-east-1', 'ERROR', 'AWS::::Region'],
    ]);
    expect(findings[0]!.message).toContain('UnauthorizedOperation');
  });

  it('honours a configured list of admin ports', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [group('sg-vnc', tcp(5900, 5900, '0.0.0.0/0'))] });
    expect(verdicts(await runCheck(check))).toEqual({ 'sg-vnc': 'PASS' });
    expect(verdicts(await runCheck(check, { options: { adminPorts: [5900] } }))).toEqual({ 'sg-vnc': 'FAIL' });
  });
});

describe('ec2-sg-admin-ports-open-ipv6', () => {
  it('fails ::/0 and 2000::/3 (all global unicast), passes a /48 and IPv4-only rules', async () => {
    const v6 = (id: string, cidr: string) => group(id, { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: cidr }] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        v6('sg-any', '::/0'),
        v6('sg-unicast', '2000::/3'),
        v6('sg-office', '2001:db8:1234::/48'),
        group('sg-v4', tcp(22, 22, '0.0.0.0/0')),
      ],
    });
    const findings = await runCheck(checkV6);
    expect(verdicts(findings)).toEqual({ 'sg-any': 'FAIL', 'sg-unicast': 'FAIL', 'sg-office': 'PASS', 'sg-v4': 'PASS' });
    expect(findingFor(findings, 'sg-any').message).toBe('Open to the IPv6 internet: ports 22, 3389 (IPv6) from ::/0 via all traffic.');
  });

  it('reports ERROR on UnauthorizedOperation', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect((await runCheck(checkV6)).map((f) => f.status)).toEqual(['ERROR']);
  });
});

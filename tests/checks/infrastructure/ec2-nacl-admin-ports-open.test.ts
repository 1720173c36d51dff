import { DescribeNetworkAclsCommand, EC2Client, type NetworkAclEntry } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { naclEntry } from '../../../demo/world/ec2.js';
import check from '../../../checks/infrastructure/ec2-nacl-admin-ports-open.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';

const ec2 = mockClient(EC2Client);
const entry = naclEntry;
const DEFAULTS = [entry(32767, 'deny', '0.0.0.0/0'), entry(32767, 'deny', '::/0')];
const acl = (id: string, entries: NetworkAclEntry[], subnets: string[] = []) => ({
  NetworkAclId: id,
  VpcId: 'vpc-1',
  OwnerId: '123456789012',
  Entries: [...entries, ...DEFAULTS],
  Associations: subnets.map((SubnetId) => ({ SubnetId, NetworkAclId: id })),
});

beforeEach(() => ec2.reset());

describe('ec2-nacl-admin-ports-open', () => {
  it('fails allow-all, passes a deny ahead of it, fails a deny of only one /24, names the subnets', async () => {
    ec2.on(DescribeNetworkAclsCommand).resolves({
      NetworkAcls: [
        acl('acl-open', [entry(100, 'allow', '0.0.0.0/0')], ['subnet-1', 'subnet-2']),
        acl('acl-shadowed', [
          entry(50, 'deny', '0.0.0.0/0', '-1', undefined),
          entry(60, 'deny', '::/0', '-1', undefined),
          entry(100, 'allow', '0.0.0.0/0'),
          entry(101, 'allow', '::/0'),
        ]),
        acl('acl-partial', [entry(50, 'deny', '198.51.100.0/24', '6', [22, 22]), entry(100, 'allow', '0.0.0.0/0', '6', [22, 22])]),
        acl('acl-v6', [entry(100, 'allow', '10.0.0.0/8'), entry(101, 'allow', '::/0', '6', [3389, 3389])]),
      ],
    });
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ 'acl-open': 'FAIL', 'acl-shadowed': 'PASS', 'acl-partial': 'FAIL', 'acl-v6': 'FAIL' });
    expect(findingFor(findings, 'acl-open').message).toBe(
      'Admits the internet: ports 22, 3389 tcp+udp (IPv4) allowed by rule 100 (NACL of vpc-1, used by subnet-1, subnet-2).',
    );
    expect(findingFor(findings, 'acl-v6').message).toContain('port 3389 tcp (IPv6) allowed by rule 101');
    expect(findingFor(findings, 'acl-shadowed').message).toContain('associated with no subnet');
    expect(findingFor(findings, 'acl-open').resource.arn).toBe('arn:aws:ec2:us-east-1:123456789012:network-acl/acl-open');
  });

  it('reports ERROR for an entry it cannot read, and on UnauthorizedOperation', async () => {
    ec2
      .on(DescribeNetworkAclsCommand)
      .resolves({ NetworkAcls: [{ NetworkAclId: 'acl-odd', Entries: [{ RuleNumber: 100, CidrBlock: '0.0.0.0/0' }] }] });
    expect(verdicts(await runCheck(check))).toEqual({ 'acl-odd': 'ERROR' });
    ec2.on(DescribeNetworkAclsCommand).rejects(awsError('UnauthorizedOperation', 'no'));
    expect((await runCheck(check)).map((f) => f.status)).toEqual(['ERROR']);
  });
});

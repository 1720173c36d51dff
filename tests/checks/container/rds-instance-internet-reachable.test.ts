import { DescribeRouteTablesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient, type DBInstance } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import check from '../../../checks/container/rds-instance-internet-reachable.js';
import { awsError, findingFor, runCheck, verdicts } from '../../helpers/check-tester.js';
import { group, mockNetwork, tcp } from '../../helpers/network.js';

const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);
beforeEach(() => {
  ec2.reset();
  rds.reset();
  mockNetwork(ec2, [group('sg-db-open', tcp(5432, 5432, '0.0.0.0/0')), group('sg-db-vpc', tcp(5432, 5432, '10.0.0.0/16'))]);
});

const db = (id: string, over: Partial<DBInstance> = {}): DBInstance => ({
  DBInstanceIdentifier: id,
  DBInstanceArn: `arn:aws:rds:us-east-1:123456789012:db:${id}`,
  Engine: 'postgres',
  PubliclyAccessible: true,
  AvailabilityZone: 'us-east-1a',
  Endpoint: { Address: `${id}.abc.us-east-1.rds.amazonaws.com`, Port: 5432 },
  VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-db-open', Status: 'active' }],
  DBSubnetGroup: {
    DBSubnetGroupName: 'public-group',
    VpcId: 'vpc-a',
    Subnets: [
      { SubnetIdentifier: 'subnet-public', SubnetAvailabilityZone: { Name: 'us-east-1a' } },
      { SubnetIdentifier: 'subnet-private', SubnetAvailabilityZone: { Name: 'us-east-1b' } },
    ],
  },
  ...over,
});
const dbs = (...list: DBInstance[]) => rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: list });

describe('rds-instance-internet-reachable', () => {
  it('fails a publicly accessible instance in a public subnet whose group opens its port, critical, with the path', async () => {
    dbs(db('orders'));
    const [f] = await runCheck(check);
    expect(f?.status).toBe('FAIL');
    expect(f?.severity).toBe('critical');
    expect(f?.message).toBe(
      'Reachable from the internet: tcp/5432 (database 5432) to orders.abc.us-east-1.rds.amazonaws.com in subnet-public via igw-a → rtb-public (0.0.0.0/0) → acl-a rule 100 allow → sg-db-open rule tcp 5432 0.0.0.0/0.',
    );
  });

  it('passes a private instance, a public one whose group admits only the VPC, and a public one placed in a private subnet', async () => {
    dbs(
      db('private', { PubliclyAccessible: false }),
      db('vpc-only', { VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-db-vpc' }] }),
      db('in-private-az', { AvailabilityZone: 'us-east-1b' }),
    );
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ private: 'PASS', 'vpc-only': 'PASS', 'in-private-az': 'PASS' });
    expect(findingFor(findings, 'private').message).toContain('not publicly accessible');
    expect(findingFor(findings, 'vpc-only').message).toContain(
      'publicly accessible, but subnet-public routes the IPv4 internet through rtb-public',
    );
    expect(findingFor(findings, 'in-private-az').message).toContain('publicly accessible, but subnet-private uses rtb-main');
  });

  it('counts the Multi-AZ standby subnet (it becomes primary on failover), and every subnet when no AZ matches', async () => {
    dbs(
      db('multi-az', { AvailabilityZone: 'us-east-1b', MultiAZ: true, SecondaryAvailabilityZone: 'us-east-1a' }),
      db('no-az', { AvailabilityZone: undefined }),
    );
    expect(verdicts(await runCheck(check))).toEqual({ 'multi-az': 'FAIL', 'no-az': 'FAIL' });
  });

  it('only the listener port counts: an all-traffic group exposes 5432, not 65,536 ports', async () => {
    mockNetwork(ec2, [group('sg-db-open', { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] })]);
    dbs(db('orders'));
    const [f] = await runCheck(check);
    expect(f?.message).toContain('tcp/5432 (database 5432) to orders');
    expect(f?.message).not.toContain('65535');
  });

  it('evaluates IPv6 for a dual-stack instance', async () => {
    mockNetwork(ec2, [group('sg-db-open', tcp(5432, 5432, '::/0'))]);
    dbs(db('dual', { NetworkType: 'DUAL' }));
    const [f] = await runCheck(check);
    expect(f?.status).toBe('FAIL');
    expect(f?.message).toContain('rtb-public (::/0) → acl-a rule 101 allow → sg-db-open rule tcp 5432 ::/0');
  });

  it('reports ERROR when PubliclyAccessible, the port or the subnets are missing', async () => {
    dbs(
      db('no-flag', { PubliclyAccessible: undefined }),
      db('no-port', { Endpoint: undefined }),
      db('no-subnets', { DBSubnetGroup: { DBSubnetGroupName: 'empty', VpcId: 'vpc-a', Subnets: [] } }),
      // moto lists an instance created without DBSubnetGroupName with no DBSubnetGroup at all.
      db('no-group', { DBSubnetGroup: undefined }),
    );
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ 'no-flag': 'ERROR', 'no-port': 'ERROR', 'no-subnets': 'ERROR', 'no-group': 'ERROR' });
    expect(findingFor(findings, 'no-subnets').message).toContain('no subnets in the DB subnet group of this instance');
    expect(findingFor(findings, 'no-group').message).toContain('no DB subnet group for this instance');
  });

  it('leaves out Neptune and DocumentDB instances, as every RDS check does', async () => {
    dbs(
      db('pg', { PubliclyAccessible: false }),
      db('graph', { Engine: 'neptune' }),
      db('docs', { Engine: 'docdb', PubliclyAccessible: false }),
    );
    expect(verdicts(await runCheck(check))).toEqual({ pg: 'PASS' });
  });

  it('when the network cannot be read, publicly accessible instances are ERRORs and the others still PASS', async () => {
    ec2.on(DescribeRouteTablesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    dbs(db('private', { PubliclyAccessible: false }), db('public'));
    const findings = await runCheck(check);
    expect(verdicts(findings)).toEqual({ private: 'PASS', public: 'ERROR' });
    expect(findingFor(findings, 'public').message).toMatch(/ec2:DescribeRouteTables failed: UnauthorizedOperation/);
  });

  it('turns AccessDenied on DescribeDBInstances into an ERROR for the region', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: rds:DescribeDBInstances'));
    const findings = await runCheck(check);
    expect(findings.map((f) => [f.status, f.resource.type])).toEqual([['ERROR', 'AWS::::Region']]);
    expect(findings[0]!.message).toContain('AccessDenied');
  });
});

import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import check from '../../../checks/container/rds-storage-encrypted.js';
import { awsError, runCheck, verdicts } from '../../helpers/check-tester.js';

const rds = mockClient(RDSClient);
beforeEach(() => rds.reset());

describe('rds-storage-encrypted', () => {
  it('passes encrypted instances and fails unencrypted ones, across pages', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: 'enc', StorageEncrypted: true }], Marker: 'page-2' })
      .resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: 'plain', StorageEncrypted: false }] });
    expect(verdicts(await runCheck(check))).toEqual({ enc: 'PASS', plain: 'FAIL' });
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(2);
    expect(rds.commandCalls(DescribeDBInstancesCommand)[1]!.args[0].input).toMatchObject({ Marker: 'page-2', MaxRecords: 100 });
  });

  it('reports ERROR when StorageEncrypted is missing (an endpoint that omits it)', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 'odd' }] });
    expect(verdicts(await runCheck(check))).toEqual({ odd: 'ERROR' });
  });

  it('reports ERROR for the region on AccessDenied', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'no'));
    const [f] = await runCheck(check);
    expect(f).toMatchObject({ status: 'ERROR', region: 'us-east-1', resource: { type: 'AWS::::Region' } });
  });

  it('reports nothing for a region with no instances', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    expect(await runCheck(check)).toEqual([]);
  });
});

/**
 * A small organization answered at the seam (no network): the caller in 111111111111, three
 * member accounts, one OU, and the same-named security group "web" in two accounts with different
 * rules. Each call's answer depends on the account the seam says it is for.
 */
import { ReplayedAwsError } from '../../src/aws/errors.js';
import type { AwsCall } from '../../src/aws/session.js';

export const CALLER = '111111111111';
export const OPEN = '222222222222';
export const LOCKED = '333333333333';
export const NO_ROLE = '444444444444';
export const SUSPENDED = '555555555555';

const group = (cidr: string) => ({
  GroupId: 'sg-0123456789abcdef0',
  GroupName: 'web',
  OwnerId: '',
  VpcId: 'vpc-1',
  IpPermissions: [
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr }], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] },
  ],
  IpPermissionsEgress: [],
});

export function organizationWorld(calls: AwsCall[] = []) {
  return (call: AwsCall): unknown => {
    calls.push(call);
    const { operation, input, accountId } = call;
    const i = input as Record<string, string>;
    switch (operation) {
      case 'GetCallerIdentity':
        return { Account: accountId ?? CALLER, Arn: `arn:aws:iam::${accountId ?? CALLER}:user/auditor` };
      case 'ListAccounts':
        return {
          Accounts: [
            { Id: CALLER, Name: 'management', State: 'ACTIVE' },
            { Id: OPEN, Name: 'open <b>', State: 'ACTIVE' },
            { Id: LOCKED, Name: 'locked', State: 'ACTIVE' },
            { Id: NO_ROLE, Name: 'no-role', State: 'ACTIVE' },
            { Id: SUSPENDED, Name: 'gone', State: 'SUSPENDED' },
          ],
        };
      case 'ListRoots':
        return { Roots: [{ Id: 'r-abcd', Name: 'Root' }] };
      case 'ListOrganizationalUnitsForParent':
        return { OrganizationalUnits: i.ParentId === 'r-abcd' ? [{ Id: 'ou-abcd-11111111', Name: 'Prod' }] : [] };
      case 'ListAccountsForParent':
        return {
          Accounts: i.ParentId === 'r-abcd' ? [{ Id: CALLER }, { Id: LOCKED }, { Id: NO_ROLE }, { Id: SUSPENDED }] : [{ Id: OPEN }],
        };
      case 'AssumeRole':
        if (i.RoleArn!.includes(NO_ROLE)) {
          throw new ReplayedAwsError('AccessDenied', `not authorized to perform: sts:AssumeRole on resource: ${i.RoleArn}`, 'client', 403);
        }
        return {
          Credentials: {
            AccessKeyId: `AKIA${i.RoleArn!.slice(13, 25)}`,
            SecretAccessKey: 's',
            SessionToken: 't',
            Expiration: new Date(Date.now() + 3600_000),
          },
        };
      case 'DescribeSecurityGroups':
        if (accountId === OPEN) return { SecurityGroups: [{ ...group('0.0.0.0/0'), OwnerId: OPEN }] };
        if (accountId === LOCKED) return { SecurityGroups: [{ ...group('10.0.0.0/8'), OwnerId: LOCKED }] };
        return { SecurityGroups: [] };
      default:
        throw new ReplayedAwsError('NotImplemented', `${operation} is not part of this world`, 'client', 501);
    }
  };
}

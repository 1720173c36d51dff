/**
 * The fifteen "a metric filter and alarm exist for …" controls (CIS AWS Foundations v3.0/v5.0
 * 4.1–4.15; Security Hub CloudWatch.1–14), each stated as CloudTrail events a satisfying metric
 * filter must match and events it must not. A filter is judged by what it does to these events,
 * not by how its text is spelled, and the events go into the finding so a reviewer sees why.
 *
 * The events are CloudTrail records as CloudTrail delivers them to CloudWatch Logs (one record
 * per log event), with the fields every record carries, so a filter that tests a field such as
 * `eventSource` or `eventType` sees what it would see in a real trail.
 */
import { matchesEvent, type FilterPattern } from './filter-pattern.js';

export interface SampleEvent {
  /** What the event is, in a reviewer's words. */
  label: string;
  event: Record<string, unknown>;
}

export interface MonitoredEvent {
  /** Our key, used in check ids: cloudwatch-alarm-<key>. */
  key: string;
  /** What is monitored, for titles and messages ("unauthorized API calls"). */
  subject: string;
  cis: string;
  /** Security Hub control; 4.15 (Organizations) has none. */
  securityHub?: string;
  /** The pattern CIS recommends, as remediation text. */
  recommended: string;
  mustMatch: SampleEvent[];
  mustNotMatch: SampleEvent[];
}

const ACCOUNT = '111122223333';
const iamUser = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLE',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  userName: 'alice',
};
const root = { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };

/** A CloudTrail record of an API call by alice, with the fields every record carries. */
function apiCall(eventSource: string, eventName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: iamUser,
    eventTime: '2026-11-20T10:00:00Z',
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: null,
    responseElements: null,
    requestID: '0b3f1d1e-0000-4000-8000-000000000001',
    eventID: '5d1f0c2a-0000-4000-8000-000000000002',
    readOnly: /^(Describe|Get|List|Head)/.test(eventName),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    ...extra,
  };
}

function consoleLogin(
  identity: Record<string, unknown>,
  outcome: 'Success' | 'Failure',
  mfa: 'Yes' | 'No',
  extra: Record<string, unknown> = {},
) {
  return apiCall('signin.amazonaws.com', 'ConsoleLogin', {
    userIdentity: identity,
    eventType: 'AwsConsoleSignIn',
    readOnly: false,
    responseElements: { ConsoleLogin: outcome },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: mfa },
    ...(outcome === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
    ...extra,
  });
}

/** One must-match event per API name, and reads of the same service as must-not events. */
function changes(eventSource: string, names: string[], reads: string[]): Pick<MonitoredEvent, 'mustMatch' | 'mustNotMatch'> {
  return {
    mustMatch: names.map((name) => ({ label: `${name} (${eventSource})`, event: apiCall(eventSource, name) })),
    mustNotMatch: reads.map((name) => ({ label: `${name}, a read (${eventSource})`, event: apiCall(eventSource, name) })),
  };
}

const quoteEach = (source: string, names: string[]): string =>
  `{ ($.eventSource = ${source}) && (${names.map((n) => `($.eventName = ${n})`).join(' || ')}) }`;

const IAM_POLICY_CHANGES = [
  'DeleteGroupPolicy',
  'DeleteRolePolicy',
  'DeleteUserPolicy',
  'PutGroupPolicy',
  'PutRolePolicy',
  'PutUserPolicy',
  'CreatePolicy',
  'DeletePolicy',
  'CreatePolicyVersion',
  'DeletePolicyVersion',
  'AttachRolePolicy',
  'DetachRolePolicy',
  'AttachUserPolicy',
  'DetachUserPolicy',
  'AttachGroupPolicy',
  'DetachGroupPolicy',
];
const TRAIL_CHANGES = ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'];
const KEY_CHANGES = ['DisableKey', 'ScheduleKeyDeletion'];
const BUCKET_POLICY_CHANGES = [
  'PutBucketAcl',
  'PutBucketPolicy',
  'PutBucketCors',
  'PutBucketLifecycle',
  'PutBucketReplication',
  'DeleteBucketPolicy',
  'DeleteBucketCors',
  'DeleteBucketLifecycle',
  'DeleteBucketReplication',
];
const CONFIG_CHANGES = ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'];
const SG_CHANGES = [
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
];
const NACL_CHANGES = [
  'CreateNetworkAcl',
  'CreateNetworkAclEntry',
  'DeleteNetworkAcl',
  'DeleteNetworkAclEntry',
  'ReplaceNetworkAclEntry',
  'ReplaceNetworkAclAssociation',
];
const GATEWAY_CHANGES = [
  'CreateCustomerGateway',
  'DeleteCustomerGateway',
  'AttachInternetGateway',
  'CreateInternetGateway',
  'DeleteInternetGateway',
  'DetachInternetGateway',
];
const ROUTE_CHANGES = [
  'CreateRoute',
  'CreateRouteTable',
  'ReplaceRoute',
  'ReplaceRouteTableAssociation',
  'DeleteRouteTable',
  'DeleteRoute',
  'DisassociateRouteTable',
];
const VPC_CHANGES = [
  'CreateVpc',
  'DeleteVpc',
  'ModifyVpcAttribute',
  'AcceptVpcPeeringConnection',
  'CreateVpcPeeringConnection',
  'DeleteVpcPeeringConnection',
  'RejectVpcPeeringConnection',
  'AttachClassicLinkVpc',
  'DetachClassicLinkVpc',
  'DisableVpcClassicLink',
  'EnableVpcClassicLink',
];
const ORGANIZATIONS_CHANGES = [
  'AcceptHandshake',
  'AttachPolicy',
  'CreateAccount',
  'CreateOrganizationalUnit',
  'CreatePolicy',
  'DeclineHandshake',
  'DeleteOrganization',
  'DeleteOrganizationalUnit',
  'DeletePolicy',
  'DetachPolicy',
  'DisablePolicyType',
  'EnablePolicyType',
  'InviteAccountToOrganization',
  'LeaveOrganization',
  'MoveAccount',
  'RemoveAccountFromOrganization',
  'UpdatePolicy',
  'UpdateOrganizationalUnit',
];

export const MONITORED_EVENTS: readonly MonitoredEvent[] = [
  {
    key: 'unauthorized-api-calls',
    subject: 'unauthorized API calls',
    cis: '4.1',
    securityHub: 'CloudWatch.2',
    recommended: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    mustMatch: [
      {
        label: 'EC2 call refused with Client.UnauthorizedOperation',
        event: apiCall('ec2.amazonaws.com', 'RunInstances', {
          errorCode: 'Client.UnauthorizedOperation',
          errorMessage: 'You are not authorized to perform this operation.',
        }),
      },
      {
        label: 'S3 call refused with AccessDenied',
        event: apiCall('s3.amazonaws.com', 'PutBucketPolicy', { errorCode: 'AccessDenied', errorMessage: 'Access Denied' }),
      },
      {
        label: 'KMS call refused with AccessDeniedException',
        event: apiCall('kms.amazonaws.com', 'Decrypt', { errorCode: 'AccessDeniedException', errorMessage: 'User is not authorized' }),
      },
    ],
    mustNotMatch: [
      { label: 'a successful DescribeInstances', event: apiCall('ec2.amazonaws.com', 'DescribeInstances') },
      {
        label: 'a throttled call (Client.RequestLimitExceeded)',
        event: apiCall('ec2.amazonaws.com', 'DescribeInstances', {
          errorCode: 'Client.RequestLimitExceeded',
          errorMessage: 'Request limit exceeded.',
        }),
      },
    ],
  },
  {
    key: 'console-signin-without-mfa',
    subject: 'console sign-in without MFA',
    cis: '4.2',
    securityHub: 'CloudWatch.3',
    recommended:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    mustMatch: [{ label: 'an IAM user signs in to the console without MFA', event: consoleLogin(iamUser, 'Success', 'No') }],
    mustNotMatch: [
      { label: 'an IAM user signs in with MFA', event: consoleLogin(iamUser, 'Success', 'Yes') },
      { label: 'an API call by the same user', event: apiCall('ec2.amazonaws.com', 'DescribeInstances') },
    ],
  },
  {
    key: 'root-usage',
    subject: "usage of the 'root' user",
    cis: '4.3',
    securityHub: 'CloudWatch.1',
    recommended: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    mustMatch: [
      { label: 'root signs in to the console', event: consoleLogin(root, 'Success', 'Yes') },
      { label: 'root calls an API', event: apiCall('iam.amazonaws.com', 'CreateAccessKey', { userIdentity: root, readOnly: false }) },
    ],
    mustNotMatch: [
      {
        label: "an AWS service event on root's behalf",
        event: apiCall('sts.amazonaws.com', 'AssumeRole', {
          userIdentity: { ...root, invokedBy: 'trustedadvisor.amazonaws.com' },
          eventType: 'AwsServiceEvent',
          sourceIPAddress: 'trustedadvisor.amazonaws.com',
        }),
      },
      {
        label: "an AWS service calling on root's behalf (invokedBy)",
        event: apiCall('s3.amazonaws.com', 'GetBucketAcl', {
          userIdentity: { ...root, invokedBy: 'config.amazonaws.com' },
          sourceIPAddress: 'config.amazonaws.com',
        }),
      },
      { label: 'an IAM user calls an API', event: apiCall('iam.amazonaws.com', 'CreateAccessKey', { readOnly: false }) },
    ],
  },
  {
    key: 'iam-policy-changes',
    subject: 'IAM policy changes',
    cis: '4.4',
    securityHub: 'CloudWatch.4',
    recommended: quoteEach('iam.amazonaws.com', IAM_POLICY_CHANGES),
    ...changes('iam.amazonaws.com', IAM_POLICY_CHANGES, ['GetPolicy', 'ListPolicies']),
  },
  {
    key: 'cloudtrail-changes',
    subject: 'CloudTrail configuration changes',
    cis: '4.5',
    securityHub: 'CloudWatch.5',
    recommended: `{ ${TRAIL_CHANGES.map((n) => `($.eventName = ${n})`).join(' || ')} }`,
    ...changes('cloudtrail.amazonaws.com', TRAIL_CHANGES, ['DescribeTrails', 'GetTrailStatus']),
  },
  {
    key: 'console-auth-failures',
    subject: 'AWS Management Console authentication failures',
    cis: '4.6',
    securityHub: 'CloudWatch.6',
    recommended: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    mustMatch: [{ label: 'a failed console sign-in', event: consoleLogin(iamUser, 'Failure', 'No') }],
    mustNotMatch: [
      { label: 'a successful console sign-in', event: consoleLogin(iamUser, 'Success', 'Yes') },
      { label: 'a successful API call', event: apiCall('ec2.amazonaws.com', 'DescribeInstances') },
    ],
  },
  {
    key: 'cmk-disable-or-deletion',
    subject: 'disabling or scheduled deletion of customer-managed keys',
    cis: '4.7',
    securityHub: 'CloudWatch.7',
    recommended: quoteEach('kms.amazonaws.com', KEY_CHANGES),
    ...changes('kms.amazonaws.com', KEY_CHANGES, ['Decrypt', 'DescribeKey', 'EnableKey']),
  },
  {
    key: 's3-bucket-policy-changes',
    subject: 'S3 bucket policy changes',
    cis: '4.8',
    securityHub: 'CloudWatch.8',
    recommended: quoteEach('s3.amazonaws.com', BUCKET_POLICY_CHANGES),
    ...changes('s3.amazonaws.com', BUCKET_POLICY_CHANGES, ['GetBucketPolicy', 'ListBuckets']),
  },
  {
    key: 'config-changes',
    subject: 'AWS Config configuration changes',
    cis: '4.9',
    securityHub: 'CloudWatch.9',
    recommended: quoteEach('config.amazonaws.com', CONFIG_CHANGES),
    ...changes('config.amazonaws.com', CONFIG_CHANGES, ['DescribeConfigurationRecorders', 'DescribeDeliveryChannels']),
  },
  {
    key: 'security-group-changes',
    subject: 'security group changes',
    cis: '4.10',
    securityHub: 'CloudWatch.10',
    recommended: `{ ${SG_CHANGES.map((n) => `($.eventName = ${n})`).join(' || ')} }`,
    ...changes('ec2.amazonaws.com', SG_CHANGES, ['DescribeSecurityGroups', 'DescribeInstances']),
  },
  {
    key: 'nacl-changes',
    subject: 'network ACL changes',
    cis: '4.11',
    securityHub: 'CloudWatch.11',
    recommended: `{ ${NACL_CHANGES.map((n) => `($.eventName = ${n})`).join(' || ')} }`,
    ...changes('ec2.amazonaws.com', NACL_CHANGES, ['DescribeNetworkAcls', 'DescribeInstances']),
  },
  {
    key: 'network-gateway-changes',
    subject: 'network gateway changes',
    cis: '4.12',
    securityHub: 'CloudWatch.12',
    recommended: `{ ${GATEWAY_CHANGES.map((n) => `($.eventName = ${n})`).join(' || ')} }`,
    ...changes('ec2.amazonaws.com', GATEWAY_CHANGES, ['DescribeInternetGateways', 'DescribeInstances']),
  },
  {
    key: 'route-table-changes',
    subject: 'route table changes',
    cis: '4.13',
    securityHub: 'CloudWatch.13',
    recommended: quoteEach('ec2.amazonaws.com', ROUTE_CHANGES),
    ...changes('ec2.amazonaws.com', ROUTE_CHANGES, ['DescribeRouteTables', 'DescribeInstances']),
  },
  {
    key: 'vpc-changes',
    subject: 'VPC changes',
    cis: '4.14',
    securityHub: 'CloudWatch.14',
    recommended: `{ ${VPC_CHANGES.map((n) => `($.eventName = ${n})`).join(' || ')} }`,
    ...changes('ec2.amazonaws.com', VPC_CHANGES, ['DescribeVpcs', 'DescribeInstances']),
  },
  {
    key: 'organizations-changes',
    subject: 'AWS Organizations changes',
    cis: '4.15',
    recommended: quoteEach('organizations.amazonaws.com', ORGANIZATIONS_CHANGES),
    ...changes('organizations.amazonaws.com', ORGANIZATIONS_CHANGES, ['DescribeOrganization', 'ListAccounts']),
  },
];

/** Every sample event of every control: a filter matching all of them alarms on every event. */
const EVERY_SAMPLE: readonly SampleEvent[] = MONITORED_EVENTS.flatMap((m) => [...m.mustMatch, ...m.mustNotMatch]);

export type FilterJudgement =
  { satisfies: true } | { satisfies: false; catchAll: boolean; missed: string[]; wronglyMatched: string[]; reason: string };

/** Whether a parsed filter matches every must-match event of the control and none of its must-not events. */
export function judgeFilter(pattern: FilterPattern, control: MonitoredEvent): FilterJudgement {
  const missed = control.mustMatch.filter((s) => !matchesEvent(pattern, s.event)).map((s) => s.label);
  const wronglyMatched = control.mustNotMatch.filter((s) => matchesEvent(pattern, s.event)).map((s) => s.label);
  if (!missed.length && !wronglyMatched.length) return { satisfies: true };
  const catchAll = EVERY_SAMPLE.every((s) => matchesEvent(pattern, s.event));
  const reason = catchAll
    ? `it matches every sample event of every control, so it would alarm on every event`
    : [
        missed.length ? `it would not match ${missed.join('; ')}` : '',
        wronglyMatched.length ? `it would also alarm on ${wronglyMatched.join('; ')}` : '',
      ]
        .filter(Boolean)
        .join(', and ');
  return { satisfies: false, catchAll, missed, wronglyMatched, reason };
}

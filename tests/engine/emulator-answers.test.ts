/**
 * Answers that moto (LocalStack's IAM and EC2 backend) and LocalStack's own S3 provider really
 * send, byte for byte where it matters, through a stand-in HTTP handler below the real SDK stack
 * (real XML parsing and base64 decoding), so nothing reaches the network. Each is a legitimate
 * answer of the emulator: it must give verdicts, or an ERROR naming what the emulator left out,
 * never an "internal error" and never an ERROR for the whole check.
 */
import { describe, expect, it } from 'vitest';
import consoleMfa from '../../checks/identity/iam-console-users-mfa.js';
import customerAdmin from '../../checks/identity/iam-customer-policy-no-full-admin.js';
import attachedAdmin from '../../checks/identity/iam-no-full-admin-policy-attached.js';
import rootNotUsed from '../../checks/identity/iam-root-not-used-recently.js';
import unusedCredentials from '../../checks/identity/iam-unused-credentials-disabled.js';
import kms from '../../checks/abstracted/s3-bucket-kms-encryption.js';
import type { AnyCheck } from '../../src/engine/check.js';
import { LoaderCache } from '../../src/aws/loader.js';
import { AwsSession } from '../../src/aws/session.js';
import { resolveOptions } from '../../src/engine/options.js';
import { runChecks } from '../../src/engine/runner.js';
import type { Finding } from '../../src/engine/types.js';
import { offlineCredentials, standInHandler, type StandInRequest } from '../helpers/http-stand-in.js';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const iamXml = (action: string, result: string): string =>
  `<${action}Response xmlns="${IAM_NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`;

/**
 * moto's credential report (moto/iam/models.py, IAMBackend.get_credential_report and User.to_csv):
 * its 22-column header, one row per user and no <root_account> row; password_last_used is
 * "not_supported" for a user without a password, "no_information" for one never used.
 */
const MOTO_REPORT = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  'alice,arn:aws:iam::123456789012:user/alice,2026-11-01T03:22:49+00:00,true,no_information,2026-11-01T03:22:49+00:00,not_supported,false,true,2026-11-01T03:22:49+00:00,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A',
  'carol,arn:aws:iam::123456789012:user/carol,2026-11-01T03:22:49+00:00,false,not_supported,2026-11-01T03:22:49+00:00,not_supported,false,true,2026-11-01T03:22:49+00:00,N/A,not_supported,not_supported,false,N/A,N/A,not_supported,not_supported,false,N/A,false,N/A',
  '',
].join('\n');

/** moto's GetAccountAuthorizationDetails: its Policies members carry no PolicyName (nor PolicyId). */
const ADMIN_DOC =
  '%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Action%22%3A%20%22%2A%22%2C%20%22Resource%22%3A%20%22%2A%22%7D%5D%7D';
const MOTO_AUTH_DETAILS =
  '<UserDetailList><member><Path>/</Path><UserName>alice</UserName><UserId>u1</UserId><Arn>arn:aws:iam::123456789012:user/alice</Arn>' +
  '<CreateDate>2026-12-02T03:22:49.024413Z</CreateDate><UserPolicyList/><GroupList/><AttachedManagedPolicies><member><PolicyName>adminish</PolicyName>' +
  '<PolicyArn>arn:aws:iam::123456789012:policy/adminish</PolicyArn></member></AttachedManagedPolicies></member></UserDetailList><GroupDetailList/><RoleDetailList/>' +
  '<Policies><member><Arn>arn:aws:iam::123456789012:policy/adminish</Arn><Path>/</Path><DefaultVersionId>v1</DefaultVersionId><AttachmentCount>1</AttachmentCount>' +
  '<IsAttachable>true</IsAttachable><Description/><CreateDate>2026-12-02T03:22:49.092324Z</CreateDate><UpdateDate>2026-12-02T03:22:49.092329Z</UpdateDate>' +
  `<PolicyVersionList><member><Document>${ADMIN_DOC}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion>` +
  '<CreateDate>2026-12-02T03:22:49.092314Z</CreateDate></member></PolicyVersionList></member></Policies><IsTruncated>false</IsTruncated>';

const IAM_ANSWERS: Record<string, string> = {
  GenerateCredentialReport: iamXml('GenerateCredentialReport', '<State>COMPLETE</State>'),
  GetCredentialReport: iamXml(
    'GetCredentialReport',
    `<Content>${Buffer.from(MOTO_REPORT).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2015-02-02T20:02:02Z</GeneratedTime>`,
  ),
  GetAccountAuthorizationDetails: iamXml('GetAccountAuthorizationDetails', MOTO_AUTH_DETAILS),
};

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
/** LocalStack's S3 provider: ListBuckets without BucketRegion; GetBucketEncryption after DeleteBucketEncryption is a 200 with no body. */
const LIST_BUCKETS = `<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>plain</Name><CreationDate>2026-12-02T03:22:50.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>`;
const LOCATION = `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NS}"></LocationConstraint>`;

function answer(request: StandInRequest): string {
  const query = request.query ?? {};
  if ('encryption' in query) return '';
  if ('location' in query) return LOCATION;
  if (request.path === '/' && !String(request.body ?? '').includes('Action=')) return LIST_BUCKETS;
  const action = /Action=([A-Za-z]+)/.exec(String(request.body ?? ''))?.[1] ?? '';
  const xml = IAM_ANSWERS[action];
  if (!xml) throw new Error(`the stand-in has no answer for ${action || request.path}`);
  return xml;
}

const standIn = standInHandler((request) => ({ status: 200, body: answer(request) }));
offlineCredentials();

async function scan(...checks: AnyCheck[]): Promise<Finding[]> {
  const session = new AwsSession({
    homeRegion: 'us-east-1',
    maxAttempts: 1,
    requestHandler: standIn,
    endpointUrl: 'http://127.0.0.1:4566',
  });
  const { findings } = await runChecks(
    { checks, regions: ['us-east-1'], concurrency: 4, options: resolveOptions(), now: new Date('2026-11-20T12:00:00Z') },
    new LoaderCache(session, '123456789012', 'aws'),
  );
  return findings;
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.checkId} ${f.resource.id} ${f.status}`).sort();

describe("moto's credential report (no <root_account> row)", () => {
  it('judges every user row, and only the root check is an ERROR that names the missing row', async () => {
    const findings = await scan(consoleMfa, unusedCredentials, rootNotUsed);
    expect(summary(findings)).toEqual([
      'iam-console-users-mfa alice FAIL',
      'iam-root-not-used-recently 123456789012 ERROR',
      'iam-unused-credentials-disabled alice/access-key-1 PASS',
      'iam-unused-credentials-disabled alice/password PASS',
      'iam-unused-credentials-disabled carol/access-key-1 PASS',
    ]);
    const root = findings.find((f) => f.checkId === 'iam-root-not-used-recently')!;
    expect(root.message).toContain('iam:GetCredentialReport returned an unusable answer');
    expect(root.message).toContain('no <root_account> row');
    expect(root.message).not.toMatch(/internal error/);
  });
});

describe("moto's GetAccountAuthorizationDetails (Policies without PolicyName)", () => {
  it('names each managed policy by its ARN, not "unknown"', async () => {
    expect(summary(await scan(customerAdmin, attachedAdmin))).toEqual([
      'iam-customer-policy-no-full-admin adminish FAIL',
      'iam-no-full-admin-policy-attached adminish FAIL',
    ]);
  });
});

describe("LocalStack's GetBucketEncryption after DeleteBucketEncryption (a 200 with no body)", () => {
  it('reads as no default encryption: a FAIL of the KMS check, not an ERROR and never a PASS', async () => {
    const [finding] = await scan(kms);
    expect([finding?.resource.id, finding?.status]).toEqual(['plain', 'FAIL']);
    expect(finding?.message).toContain('No default encryption configuration');
  });
});

import { AccountClient, GetAlternateContactCommand, GetContactInformationCommand } from '@aws-sdk/client-account';
import {
  GenerateCredentialReportCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  GetServiceLastAccessedDetailsCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import contactDetails from '../../../checks/identity/account-contact-details.js';
import securityContact from '../../../checks/identity/account-security-contact.js';
import accessAdvisor from '../../../checks/identity/iam-access-advisor-unused-services.js';
import keysAtSetup from '../../../checks/identity/iam-no-access-keys-at-setup.js';
import roleUnused from '../../../checks/identity/iam-role-unused.js';
import centralIdentity from '../../../checks/identity/iam-users-central-identity.js';
import { accessAdvisorPolling } from '../../../src/aws/loaders/iam.js';
import { awsError, findingFor, runCheck, runOutcome, verdicts } from '../../helpers/check-tester.js';

const iam = mockClient(IAMClient);
const account = mockClient(AccountClient);
const NOW = new Date('2026-11-20T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const realSleep = accessAdvisorPolling.sleep;
const sleeps: number[] = [];
beforeEach(() => {
  iam.reset();
  account.reset();
  sleeps.length = 0;
  accessAdvisorPolling.sleep = async (ms) => {
    sleeps.push(ms);
  };
});
afterEach(() => {
  accessAdvisorPolling.sleep = realSleep;
});

describe('account contacts (CIS 1.1, 1.2; FSBP Account.1)', () => {
  it('no security contact is ResourceNotFoundException, a FAIL; a registered one passes', async () => {
    account
      .on(GetAlternateContactCommand)
      .rejects(awsError('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.', 404));
    expect((await runCheck(securityContact))[0]?.status).toBe('FAIL');
    account
      .on(GetAlternateContactCommand)
      .resolves({ AlternateContact: { Name: 'SecOps', EmailAddress: 'sec@example.com', AlternateContactType: 'SECURITY' } });
    const [f] = await runCheck(securityContact);
    expect(f?.status).toBe('PASS');
    expect(f?.message).toContain('SecOps');
    expect(account.commandCalls(GetAlternateContactCommand)[0]!.args[0].input).toEqual({ AlternateContactType: 'SECURITY' });
  });
  it('AccessDenied on the contact is an ERROR, never "no contact"', async () => {
    account.on(GetAlternateContactCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    expect((await runCheck(securityContact))[0]?.status).toBe('ERROR');
  });
  it('the primary contact passes when complete and names what is missing otherwise', async () => {
    const full = { FullName: 'Ops', AddressLine1: '1 St', City: 'X', PostalCode: '1', CountryCode: 'IE', PhoneNumber: '+1' };
    account.on(GetContactInformationCommand).resolves({ ContactInformation: full });
    expect((await runCheck(contactDetails))[0]?.status).toBe('PASS');
    account.on(GetContactInformationCommand).resolves({ ContactInformation: { ...full, PhoneNumber: ' ' } });
    expect((await runCheck(contactDetails))[0]?.message).toContain('PhoneNumber');
    account.on(GetContactInformationCommand).resolves({});
    expect((await runCheck(contactDetails))[0]?.status).toBe('ERROR');
  });
});

describe('iam-no-access-keys-at-setup (CIS v3.0 1.11 / v5.0 1.10)', () => {
  const HEADER =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date';
  it('fails a console user with an active key never used, and says when it was made with the user', async () => {
    const rows = [
      'setup,arn:aws:iam::1:user/setup,2026-01-01T10:00:00+00:00,true,2026-11-01T00:00:00+00:00,N/A,N/A,true,true,2026-01-01T10:05:00+00:00,N/A,false,N/A,N/A',
      'used,arn:aws:iam::1:user/used,2026-01-01T10:00:00+00:00,true,2026-11-01T00:00:00+00:00,N/A,N/A,true,true,2026-01-01T10:05:00+00:00,2026-11-01T00:00:00+00:00,false,N/A,N/A',
      'robot,arn:aws:iam::1:user/robot,2026-01-01T10:00:00+00:00,false,N/A,N/A,N/A,false,true,2026-01-01T10:05:00+00:00,N/A,false,N/A,N/A',
    ];
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode([HEADER, ...rows].join('\n')) });
    const findings = await runCheck(keysAtSetup, { now: NOW });
    // The programmatic-only user is not judged: CIS audits users with a console password.
    expect(verdicts(findings)).toEqual({ setup: 'FAIL', used: 'PASS' });
    expect(findingFor(findings, 'setup').message).toContain('the day the user was created');
  });
});

describe('iam-access-advisor-unused-services', () => {
  const details = {
    IsTruncated: false,
    UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:iam::1:user/alice', CreateDate: daysAgo(400) }],
    RoleDetailList: [
      { RoleName: 'app', Arn: 'arn:aws:iam::1:role/app', CreateDate: daysAgo(400), Path: '/' },
      { RoleName: 'new', Arn: 'arn:aws:iam::1:role/new', CreateDate: daysAgo(3), Path: '/' },
      {
        RoleName: 'AWSServiceRoleForSupport',
        Arn: 'arn:aws:iam::1:role/aws-service-role/x',
        CreateDate: daysAgo(400),
        Path: '/aws-service-role/support.amazonaws.com/',
      },
    ],
    GroupDetailList: [],
    Policies: [],
  };
  it('lists the services unused in the window; too-recent principals and service-linked roles are not judged; jobs are polled politely', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves(details);
    iam
      .on(GenerateServiceLastAccessedDetailsCommand)
      .callsFake(async (input: { Arn: string }) => ({ JobId: `job-${input.Arn.split('/').pop()}` }));
    let polls = 0;
    iam.on(GetServiceLastAccessedDetailsCommand).callsFake(async (input: { JobId: string }) => {
      if (input.JobId === 'job-alice' && polls++ < 2)
        return { JobStatus: 'IN_PROGRESS', JobCreationDate: NOW, ServicesLastAccessed: [], JobCompletionDate: undefined };
      const services =
        input.JobId === 'job-alice'
          ? [
              { ServiceName: 'Amazon S3', ServiceNamespace: 's3', LastAuthenticated: daysAgo(2) },
              { ServiceName: 'Amazon EC2', ServiceNamespace: 'ec2', LastAuthenticated: daysAgo(120) },
              { ServiceName: 'IAM', ServiceNamespace: 'iam' },
            ]
          : [{ ServiceName: 'Amazon S3', ServiceNamespace: 's3', LastAuthenticated: daysAgo(1) }];
      return { JobStatus: 'COMPLETED', JobCreationDate: NOW, JobCompletionDate: NOW, ServicesLastAccessed: services, IsTruncated: false };
    });
    const findings = await runCheck(accessAdvisor, { now: NOW });
    expect(verdicts(findings)).toEqual({ 'user/alice': 'FAIL', 'role/app': 'PASS', 'role/new': 'PASS' });
    expect(findingFor(findings, 'user/alice').message).toBe(
      'May use 2 of 3 service(s) it has not used in 90 days: ec2 (last used 2026-07-23), iam (never used).',
    );
    expect(findingFor(findings, 'role/new').message).toContain('too recent');
    // One job per judged principal (not the new role, not the service-linked one), with growing pauses while in progress.
    expect(iam.commandCalls(GenerateServiceLastAccessedDetailsCommand).map((c) => c.args[0].input.Arn)).toEqual([
      'arn:aws:iam::1:user/alice',
      'arn:aws:iam::1:role/app',
    ]);
    expect(sleeps).toEqual([500, 1000]);
  });
  it('runs no more jobs at once than accessAdvisorConcurrency', async () => {
    const many = Array.from({ length: 9 }, (_, i) => ({
      RoleName: `r${i}`,
      Arn: `arn:aws:iam::1:role/r${i}`,
      CreateDate: daysAgo(400),
      Path: '/',
    }));
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...details, UserDetailList: [], RoleDetailList: many });
    let inFlight = 0;
    let peak = 0;
    iam.on(GenerateServiceLastAccessedDetailsCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      return { JobId: 'j' };
    });
    iam.on(GetServiceLastAccessedDetailsCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { JobStatus: 'COMPLETED', JobCreationDate: NOW, JobCompletionDate: NOW, ServicesLastAccessed: [] };
    });
    const findings = await runCheck(accessAdvisor, { now: NOW, options: { accessAdvisorConcurrency: 2 } });
    expect(findings.filter((f) => f.status === 'PASS')).toHaveLength(9);
    expect(peak).toBeLessThanOrEqual(2);
  });
  it('a failed job is an ERROR for that principal; a job still running after the polling budget is an ERROR naming the call', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...details, RoleDetailList: [details.RoleDetailList[0]!] });
    iam.on(GenerateServiceLastAccessedDetailsCommand).callsFake(async (input: { Arn: string }) => ({ JobId: input.Arn }));
    iam.on(GetServiceLastAccessedDetailsCommand).callsFake(async (input: { JobId: string }) =>
      input.JobId.endsWith('alice')
        ? {
            JobStatus: 'FAILED',
            Error: { Code: 'EntityNotFound', Message: 'gone' },
            JobCreationDate: NOW,
            JobCompletionDate: NOW,
            ServicesLastAccessed: [],
          }
        : { JobStatus: 'IN_PROGRESS', JobCreationDate: NOW, JobCompletionDate: NOW, ServicesLastAccessed: [] },
    );
    const findings = await runCheck(accessAdvisor, { now: NOW });
    expect(findingFor(findings, 'user/alice').status).toBe('ERROR');
    expect(findingFor(findings, 'user/alice').message).toContain('gone');
    expect(findingFor(findings, 'role/app').message).toContain('iam:GetServiceLastAccessedDetails');
    expect(sleeps).toEqual(accessAdvisorPolling.delaysMs);
  });
  it("starts the jobs of a page's principals before the next page of GetAccountAuthorizationDetails is answered", async () => {
    let releaseSecondPage!: () => void;
    const secondPageAsked = new Promise<void>((resolve) => (releaseSecondPage = resolve));
    const started: string[] = [];
    let jobsBeforeSecondPage: string[] | undefined;
    iam.on(GetAccountAuthorizationDetailsCommand).callsFake(async (input: { Marker?: string }) => {
      if (!input.Marker) return { ...details, RoleDetailList: [], IsTruncated: true, Marker: 'm1' };
      // The second page is answered only once a job has started: the page-1 user's.
      await secondPageAsked;
      jobsBeforeSecondPage = [...started];
      return { ...details, UserDetailList: [], IsTruncated: false };
    });
    iam.on(GenerateServiceLastAccessedDetailsCommand).callsFake(async (input: { Arn: string }) => {
      started.push(input.Arn);
      releaseSecondPage();
      return { JobId: input.Arn };
    });
    iam.on(GetServiceLastAccessedDetailsCommand).resolves({
      JobStatus: 'COMPLETED',
      JobCreationDate: NOW,
      JobCompletionDate: NOW,
      ServicesLastAccessed: [],
      IsTruncated: false,
    });
    const findings = await runCheck(accessAdvisor, { now: NOW });
    expect(jobsBeforeSecondPage).toEqual(['arn:aws:iam::1:user/alice']);
    // Every principal of both pages is judged, once; the service-linked role of page 2 is not.
    expect(verdicts(findings)).toEqual({ 'user/alice': 'PASS', 'role/app': 'PASS', 'role/new': 'PASS' });
    expect(started).toEqual(['arn:aws:iam::1:user/alice', 'arn:aws:iam::1:role/app']);
  });
  it('a later page that cannot be read ends the check in an ERROR, after the principals already listed are judged', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).callsFake(async (input: { Marker?: string }) => {
      if (!input.Marker) return { ...details, RoleDetailList: [], IsTruncated: true, Marker: 'm1' };
      throw awsError('AccessDenied', 'not authorized to perform: iam:GetAccountAuthorizationDetails', 403);
    });
    let finishJob!: () => void;
    const jobDone = new Promise<void>((resolve) => (finishJob = resolve));
    iam.on(GenerateServiceLastAccessedDetailsCommand).resolves({ JobId: 'j' });
    iam.on(GetServiceLastAccessedDetailsCommand).callsFake(async () => {
      // Still running when the second page fails: its finding must still be in the check's result.
      setTimeout(finishJob, 20);
      await jobDone;
      return { JobStatus: 'COMPLETED', JobCreationDate: NOW, JobCompletionDate: NOW, ServicesLastAccessed: [], IsTruncated: false };
    });
    const { findings, errors } = await runOutcome([accessAdvisor], { now: NOW });
    expect(findingFor(findings, 'user/alice').status).toBe('PASS');
    const error = findings.find((f) => f.status === 'ERROR');
    expect(error?.message).toContain('AccessDenied');
    expect(errors.map((e) => e.action)).toEqual(['iam:GetAccountAuthorizationDetails']);
    expect(findings).toHaveLength(2);
  });
  it('the accessAdvisor option turns the check off with a NOT_APPLICABLE that says so, and starts no job', async () => {
    const findings = await runCheck(accessAdvisor, { options: { accessAdvisor: false } });
    expect(findings.map((f) => f.status)).toEqual(['NOT_APPLICABLE']);
    expect(findings[0]?.message).toContain('accessAdvisor option');
    expect(iam.commandCalls(GenerateServiceLastAccessedDetailsCommand)).toHaveLength(0);
  });
});

describe('iam-role-unused', () => {
  it('separates never-used, long-unused, recently used and new roles; service-linked roles are skipped', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      IsTruncated: false,
      UserDetailList: [],
      GroupDetailList: [],
      Policies: [],
      RoleDetailList: [
        { RoleName: 'never', CreateDate: daysAgo(300), RoleLastUsed: {}, Path: '/' },
        { RoleName: 'stale', CreateDate: daysAgo(300), RoleLastUsed: { LastUsedDate: daysAgo(120), Region: 'eu-west-1' }, Path: '/' },
        { RoleName: 'busy', CreateDate: daysAgo(300), RoleLastUsed: { LastUsedDate: daysAgo(1) }, Path: '/' },
        { RoleName: 'fresh', CreateDate: daysAgo(5), RoleLastUsed: {}, Path: '/' },
        { RoleName: 'slr', CreateDate: daysAgo(300), RoleLastUsed: {}, Path: '/aws-service-role/x/' },
      ],
    });
    const findings = await runCheck(roleUnused, { now: NOW });
    expect(verdicts(findings)).toEqual({ 'role/never': 'FAIL', 'role/stale': 'FAIL', 'role/busy': 'PASS', 'role/fresh': 'PASS' });
    expect(findingFor(findings, 'role/never').message).toContain('Never used');
    expect(findingFor(findings, 'role/stale').message).toContain('eu-west-1');
  });
});

describe('iam-users-central-identity (CIS v3.0 1.21 / v5.0 1.20)', () => {
  const org = mockClient(OrganizationsClient);
  beforeEach(() => org.reset());
  const withUsers = (...names: string[]) =>
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      IsTruncated: false,
      UserDetailList: names.map((UserName) => ({ UserName })),
      RoleDetailList: [],
      GroupDetailList: [],
      Policies: [],
    });
  it('in an organization, IAM users are an informational FAIL that lists them', async () => {
    withUsers('alice', 'break-glass');
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc' } });
    const [f] = await runCheck(centralIdentity);
    expect(f?.status).toBe('FAIL');
    expect(f?.severity).toBe('informational');
    expect(f?.message).toContain('alice, break-glass');
  });
  it('outside any organization the recommendation does not apply; no users passes; an unreadable organization is an ERROR', async () => {
    withUsers('alice');
    org.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'not in use'));
    expect((await runCheck(centralIdentity))[0]?.status).toBe('NOT_APPLICABLE');
    withUsers();
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc' } });
    expect((await runCheck(centralIdentity))[0]?.status).toBe('PASS');
    org.on(DescribeOrganizationCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const [f] = await runCheck(centralIdentity);
    expect(f?.status).toBe('ERROR');
    expect(f?.message).toContain('organizations:DescribeOrganization');
  });
});

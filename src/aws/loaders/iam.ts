import type {
  GetServiceLastAccessedDetailsCommandOutput,
  GroupDetail,
  ManagedPolicyDetail,
  PasswordPolicy,
  RoleDetail,
  ServerCertificateMetadata,
  UserDetail,
  VirtualMFADevice,
} from '@aws-sdk/client-iam';
import { credentialReportText, parseCredentialReport, type CredentialReportRow } from '../../analysis/credential-report.js';
import { isErrorNamed, MalformedResponse, requireField, tagErrorAction } from '../errors.js';
import { defineLoader } from '../loader.js';
import { listAll, PageFeed, pagesOf } from './paginate.js';
import { registerClient } from '../clients.js';
import { sdk } from '../sdk.js';
const {
  IAMClient,
  GenerateCredentialReportCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetServiceLastAccessedDetailsCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
} = sdk<typeof import('@aws-sdk/client-iam')>('@aws-sdk/client-iam');

registerClient('iam', IAMClient);

/** GetAccountSummary's SummaryMap: AccountMFAEnabled, AccountPasswordPresent, … */
export const accountSummary = defineLoader({
  id: 'iam.accountSummary',
  actions: ['iam:GetAccountSummary'],
  async fetch({ aws }): Promise<Record<string, number>> {
    const out = await aws.iam().send(new GetAccountSummaryCommand({}));
    return { ...requireField(out.SummaryMap, 'SummaryMap', 'iam:GetAccountSummary') };
  },
});

/** The account password policy; null when none is set (IAM answers NoSuchEntity). */
export const passwordPolicy = defineLoader({
  id: 'iam.passwordPolicy',
  actions: ['iam:GetAccountPasswordPolicy'],
  async fetch({ aws }): Promise<PasswordPolicy | null> {
    try {
      const out = await aws.iam().send(new GetAccountPasswordPolicyCommand({}));
      // No policy is NoSuchEntity (below); a 200 without one is an unusable answer, not "no policy".
      return requireField(out.PasswordPolicy, 'PasswordPolicy', 'iam:GetAccountPasswordPolicy');
    } catch (error) {
      if (isErrorNamed(error, 'NoSuchEntity', 'NoSuchEntityException')) return null;
      throw error;
    }
  },
});

/** Virtual MFA devices that are assigned to someone (root included), with their user's ARN. */
export const assignedVirtualMfaDevices = defineLoader({
  id: 'iam.assignedVirtualMfaDevices',
  actions: ['iam:ListVirtualMFADevices'],
  async fetch({ aws }): Promise<VirtualMFADevice[]> {
    return listAll(
      'iam:ListVirtualMFADevices',
      'VirtualMFADevices',
      'Marker',
      paginateListVirtualMFADevices({ client: aws.iam(), pageSize: 1000 }, { AssignmentStatus: 'Assigned' }),
      (p) => p.VirtualMFADevices,
    );
  },
});

export const serverCertificates = defineLoader({
  id: 'iam.serverCertificates',
  actions: ['iam:ListServerCertificates'],
  async fetch({ aws }): Promise<ServerCertificateMetadata[]> {
    return listAll(
      'iam:ListServerCertificates',
      'ServerCertificateMetadataList',
      'Marker',
      paginateListServerCertificates({ client: aws.iam(), pageSize: 1000 }, {}),
      (p) => p.ServerCertificateMetadataList,
    );
  },
});

export interface AuthorizationDetails {
  users: UserDetail[];
  groups: GroupDetail[];
  roles: RoleDetail[];
  /** Customer-managed and AWS-managed policies, each with its versions (documents URL-encoded). */
  policies: ManagedPolicyDetail[];
}

/**
 * Every user, group, role and managed policy with their attachments and inline policies, in one
 * paginated read (nothing per user), page by page as the pages arrive: a check with work per
 * principal (Access Advisor's jobs) starts on the first page.
 */
export const authorizationDetailsPages = defineLoader({
  id: 'iam.authorizationDetailsPages',
  actions: ['iam:GetAccountAuthorizationDetails'],
  async fetch({ aws }): Promise<PageFeed<AuthorizationDetails>> {
    return new PageFeed(authorizationDetailPages(aws.iam()), 'iam:GetAccountAuthorizationDetails');
  },
});

async function* authorizationDetailPages(iam: InstanceType<typeof IAMClient>): AsyncGenerator<AuthorizationDetails> {
  const pages = pagesOf(
    'iam:GetAccountAuthorizationDetails',
    'Marker',
    paginateGetAccountAuthorizationDetails(
      { client: iam, pageSize: 1000 },
      { Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'] },
    ),
  );
  for await (const page of pages) {
    // IAM always sends IsTruncated, and each list asked for (empty ones as empty elements);
    // a page with none of them is an emulator's bare answer, not an account without users.
    if (
      page.IsTruncated === undefined &&
      [page.UserDetailList, page.GroupDetailList, page.RoleDetailList, page.Policies].every((list) => list === undefined)
    ) {
      throw new MalformedResponse('it held no IsTruncated flag and none of the lists asked for', 'iam:GetAccountAuthorizationDetails');
    }
    yield {
      users: page.UserDetailList ?? [],
      groups: page.GroupDetailList ?? [],
      roles: page.RoleDetailList ?? [],
      policies: page.Policies ?? [],
    };
  }
}

/** The same read, whole: every page's lists joined. */
export const authorizationDetails = defineLoader({
  id: 'iam.authorizationDetails',
  actions: [],
  uses: [authorizationDetailsPages],
  async fetch({ load }): Promise<AuthorizationDetails> {
    const details: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
    for await (const page of await load(authorizationDetailsPages)) {
      details.users.push(...page.users);
      details.groups.push(...page.groups);
      details.roles.push(...page.roles);
      details.policies.push(...page.policies);
    }
    return details;
  },
});

/**
 * The credential report can be unavailable for reasons a reviewer must see: it is being
 * generated past our patience, it was never generated, or it expired. The name is AWS's
 * error code; the message says which.
 */
export class CredentialReportUnavailable extends Error {
  constructor(
    code: 'ReportInProgress' | 'ReportNotPresent' | 'ReportExpired',
    message: string,
    readonly $fault = 'client' as const,
  ) {
    super(message);
    this.name = code;
  }
}

/** How long to wait for the report: the delays between polls (bounded), and how to sleep. Tests replace `sleep`. */
export const credentialReportPolling = {
  delaysMs: [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000] as readonly number[],
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface CredentialReport {
  generatedAt?: Date;
  rows: CredentialReportRow[];
}

const IN_PROGRESS = ['ReportInProgress', 'CredentialReportNotReadyException'];
const NOT_PRESENT = ['ReportNotPresent', 'CredentialReportNotPresentException'];
const EXPIRED = ['ReportExpired', 'CredentialReportExpiredException'];

/**
 * GenerateCredentialReport, polled while its State is STARTED / INPROGRESS (IAM regenerates
 * at most every four hours, so usually the first answer is COMPLETE), then GetCredentialReport.
 */
export const credentialReport = defineLoader({
  id: 'iam.credentialReport',
  actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  async fetch({ aws }): Promise<CredentialReport> {
    const iam = aws.iam();
    const { delaysMs, sleep } = credentialReportPolling;
    const waitedSeconds = () => delaysMs.reduce((a, b) => a + b, 0) / 1000;
    let attempt = 0;
    const waitOrGiveUp = async (action: string): Promise<void> => {
      const delay = delaysMs[attempt++];
      if (delay === undefined) {
        const error = new CredentialReportUnavailable(
          'ReportInProgress',
          `the IAM credential report was still being generated after ${waitedSeconds()}s; scan again in a minute`,
        );
        tagErrorAction(error, action);
        throw error;
      }
      await sleep(delay);
    };
    for (;;) {
      const generated = await iam.send(new GenerateCredentialReportCommand({}));
      const state = String(generated.State ?? '').toUpperCase();
      // Emulators may omit State; GetCredentialReport then says whether a report exists.
      if (state !== 'STARTED' && state !== 'INPROGRESS') break;
      await waitOrGiveUp('iam:GenerateCredentialReport');
    }
    for (;;) {
      try {
        const out = await iam.send(new GetCredentialReportCommand({}));
        return { generatedAt: out.GeneratedTime, rows: parseCredentialReport(credentialReportText(out.Content)) };
      } catch (error) {
        if (isErrorNamed(error, ...IN_PROGRESS)) {
          await waitOrGiveUp('iam:GetCredentialReport');
          continue;
        }
        const reason = isErrorNamed(error, ...NOT_PRESENT)
          ? (['ReportNotPresent', 'no credential report exists (was GenerateCredentialReport allowed?)'] as const)
          : isErrorNamed(error, ...EXPIRED)
            ? (['ReportExpired', 'the credential report has expired; scan again to generate a new one'] as const)
            : undefined;
        if (!reason) throw error;
        const unavailable = new CredentialReportUnavailable(reason[0], `${reason[1]}: ${(error as Error).message}`);
        tagErrorAction(unavailable, 'iam:GetCredentialReport');
        throw unavailable;
      }
    }
  },
});

// Access Advisor (issue 16): which services a principal's permissions reach and when it last used each.

/** A service a principal's policies grant, and when the principal last authenticated to it (never: undefined). */
export interface ServiceAccess {
  name: string;
  namespace: string;
  lastAuthenticated?: Date;
}

/**
 * How Access Advisor jobs are waited for: the first answer is asked for at once (small
 * principals' jobs are usually done), then politely with growing pauses, about a minute in
 * all; the check bounds how many jobs run at once. Tests replace `sleep`.
 */
export const accessAdvisorPolling = {
  delaysMs: [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000] as readonly number[],
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * GenerateServiceLastAccessedDetails for one user or role (a read in effect: it prepares a
 * report, as GenerateCredentialReport does, and is on the seam's read-only allowlist), then
 * GetServiceLastAccessedDetails until the job completes, following Marker pages.
 */
export const serviceLastAccessed = defineLoader({
  id: 'iam.serviceLastAccessed',
  actions: ['iam:GenerateServiceLastAccessedDetails', 'iam:GetServiceLastAccessedDetails'],
  chain: true,
  async fetch({ aws }, arn: string): Promise<ServiceAccess[]> {
    const iam = aws.iam();
    const generated = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: 'SERVICE_LEVEL' }));
    const jobId = requireField(generated.JobId, 'JobId', 'iam:GenerateServiceLastAccessedDetails');
    const { delaysMs, sleep } = accessAdvisorPolling;
    let first: GetServiceLastAccessedDetailsCommandOutput;
    for (let attempt = 0; ; attempt++) {
      first = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 1000 }));
      if (first.JobStatus !== 'IN_PROGRESS') break;
      const delay = delaysMs[attempt];
      if (delay === undefined) {
        const error = new Error(
          `the Access Advisor job for ${arn} was still running after ${delaysMs.reduce((a, b) => a + b, 0) / 1000}s; scan again later`,
        );
        error.name = 'JobInProgress';
        tagErrorAction(error, 'iam:GetServiceLastAccessedDetails');
        throw error;
      }
      await sleep(delay);
    }
    if (first.JobStatus === 'FAILED') {
      const error = new Error(
        `the Access Advisor job for ${arn} failed: ${first.Error?.Message ?? first.Error?.Code ?? 'no reason given'}`,
      );
      error.name = first.Error?.Code || 'JobFailed';
      tagErrorAction(error, 'iam:GetServiceLastAccessedDetails');
      throw error;
    }
    if (first.JobStatus !== 'COMPLETED') {
      throw new MalformedResponse(
        `it held no JobStatus COMPLETED, IN_PROGRESS or FAILED (got ${String(first.JobStatus)})`,
        'iam:GetServiceLastAccessedDetails',
      );
    }
    const services = [];
    const seen = new Set<string>();
    for (let page = first; ;) {
      if (!Array.isArray(page.ServicesLastAccessed))
        throw new MalformedResponse('it held no ServicesLastAccessed list', 'iam:GetServiceLastAccessedDetails');
      services.push(...page.ServicesLastAccessed);
      if (!page.IsTruncated || !page.Marker) break;
      if (seen.has(page.Marker))
        throw new MalformedResponse(`it returned the Marker "${page.Marker}" twice`, 'iam:GetServiceLastAccessedDetails');
      seen.add(page.Marker);
      page = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 1000, Marker: page.Marker }));
    }
    return services.map((s) => ({
      name: s.ServiceName ?? s.ServiceNamespace ?? '?',
      namespace: s.ServiceNamespace ?? '?',
      ...(s.LastAuthenticated ? { lastAuthenticated: new Date(s.LastAuthenticated) } : {}),
    }));
  },
});

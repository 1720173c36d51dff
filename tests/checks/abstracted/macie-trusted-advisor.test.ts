import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import {
  DescribeTrustedAdvisorCheckResultCommand,
  DescribeTrustedAdvisorChecksCommand,
  DescribeTrustedAdvisorCheckSummariesCommand,
  SupportClient,
} from '@aws-sdk/client-support';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import macie from '../../../checks/abstracted/macie-enabled.js';
import trustedAdvisor from '../../../checks/abstracted/trusted-advisor-security.js';
import { awsError, runCheck, verdicts } from '../../helpers/check-tester.js';

const macie2 = mockClient(Macie2Client);
const support = mockClient(SupportClient);
beforeEach(() => {
  macie2.reset();
  support.reset();
});

describe('macie-enabled (CIS 2.1.3, FSBP Macie.1)', () => {
  it.each([
    [{ status: 'ENABLED' }, 'PASS'],
    [{ status: 'PAUSED' }, 'FAIL'],
  ])('%j → %s', async (session, status) => {
    macie2.on(GetMacieSessionCommand).resolves(session as never);
    expect((await runCheck(macie))[0]?.status).toBe(status);
  });
  it('"Macie is not enabled" is off; any other AccessDeniedException is a missing permission (ERROR)', async () => {
    macie2.on(GetMacieSessionCommand).rejects(awsError('AccessDeniedException', 'Macie is not enabled.', 403));
    expect((await runCheck(macie))[0]?.status).toBe('FAIL');
    macie2
      .on(GetMacieSessionCommand)
      .rejects(awsError('AccessDeniedException', 'User is not authorized to perform: macie2:GetMacieSession', 403));
    expect((await runCheck(macie))[0]?.status).toBe('ERROR');
  });
});

describe('trusted-advisor-security', () => {
  it('without Business support the Support API answers SubscriptionRequiredException: NOT_APPLICABLE with the reason', async () => {
    support
      .on(DescribeTrustedAdvisorChecksCommand)
      .rejects(awsError('SubscriptionRequiredException', 'AWS Premium Support Subscription is required to use this service.'));
    const findings = await runCheck(trustedAdvisor);
    expect(findings.map((f) => f.status)).toEqual(['NOT_APPLICABLE']);
    expect(findings[0]?.message).toContain('SubscriptionRequiredException');
  });
  it('reads the security checks in us-east-1, their status in one call, and results only for flagged checks', async () => {
    support.on(DescribeTrustedAdvisorChecksCommand).callsFake(async (_input, getClient) => {
      expect(await getClient().config.region()).toBe('us-east-1');
      return {
        checks: [
          { id: 'ok1', name: 'MFA on Root Account', category: 'security', description: '', metadata: [] },
          {
            id: 'warn1',
            name: 'Security Groups - Specific Ports Unrestricted',
            category: 'security',
            description: '',
            metadata: ['Region', 'Name'],
          },
          { id: 'na1', name: 'Exposed Access Keys', category: 'security', description: '', metadata: [] },
          { id: 'cost1', name: 'Idle Load Balancers', category: 'cost_optimizing', description: '', metadata: [] },
        ],
      };
    });
    support.on(DescribeTrustedAdvisorCheckSummariesCommand).resolves({
      summaries: [
        { checkId: 'ok1', status: 'ok', timestamp: '', resourcesSummary: undefined as never, categorySpecificSummary: {} },
        { checkId: 'warn1', status: 'warning', timestamp: '', resourcesSummary: undefined as never, categorySpecificSummary: {} },
        { checkId: 'na1', status: 'not_available', timestamp: '', resourcesSummary: undefined as never, categorySpecificSummary: {} },
      ],
    });
    support.on(DescribeTrustedAdvisorCheckResultCommand).resolves({
      result: {
        checkId: 'warn1',
        status: 'warning',
        timestamp: '',
        resourcesSummary: undefined as never,
        categorySpecificSummary: {},
        flaggedResources: [
          { status: 'warning', resourceId: 'r1', region: 'us-east-1', metadata: ['us-east-1', 'bastion'] },
          { status: 'warning', resourceId: 'r2', region: 'us-east-1', isSuppressed: true, metadata: ['us-east-1', 'excluded'] },
        ],
      },
    });
    const findings = await runCheck(trustedAdvisor, { regions: ['eu-west-1'] });
    expect(verdicts(findings)).toEqual({
      'trusted-advisor/ok1': 'PASS',
      'trusted-advisor/warn1/r1': 'FAIL',
      'trusted-advisor/na1': 'NOT_APPLICABLE',
    });
    expect(support.commandCalls(DescribeTrustedAdvisorCheckSummariesCommand)[0]!.args[0].input.checkIds).toEqual(['ok1', 'warn1', 'na1']);
    expect(support.commandCalls(DescribeTrustedAdvisorCheckResultCommand).map((c) => c.args[0].input.checkId)).toEqual(['warn1']);
  });
  it('AccessDenied is an ERROR, not "no support plan"', async () => {
    support.on(DescribeTrustedAdvisorChecksCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    expect((await runCheck(trustedAdvisor))[0]?.status).toBe('ERROR');
  });
});

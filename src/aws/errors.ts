/** Turning whatever an AWS call threw into words a reviewer (and the JSON) can use. */

export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation';
  constructor(readonly action: string) {
    super(`refused ${action}: srm-audit only makes read-only calls, and this operation is not on its read-only allowlist`);
  }
}

export class UndeclaredCall extends Error {
  override name = 'UndeclaredCall';
  constructor(
    readonly action: string,
    where: string,
  ) {
    super(`refused ${action}: ${where} does not declare it, so the generated IAM policy would not grant it`);
  }
}

/** The error a replayed cassette entry throws: the same name and message AWS gave. */
export class ReplayedAwsError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode?: number };
  constructor(name: string, message: string, fault: 'client' | 'server', httpStatusCode?: number) {
    super(message);
    this.name = name;
    this.$fault = fault;
    this.$metadata = httpStatusCode === undefined ? {} : { httpStatusCode };
  }
}

export class CassetteMiss extends Error {
  override name = 'CassetteMiss';
  constructor(
    readonly action: string,
    region: string,
  ) {
    super(`the replay cassette holds no response for ${action} in ${region} with these parameters`);
  }
}

/** The IAM action of the call that failed, attached by the seam's middleware. */
const ACTION = Symbol.for('srm-audit.action');

export function tagErrorAction(error: unknown, action: string): void {
  if (error && typeof error === 'object' && !(ACTION in error)) {
    Object.defineProperty(error, ACTION, { value: action, enumerable: false });
  }
}

export interface AwsErrorInfo {
  /** ec2:DescribeSecurityGroups, or undefined when the failure was not an AWS call. */
  action?: string;
  /** AccessDenied, UnauthorizedOperation, ThrottlingException, … or the JS error name. */
  code: string;
  message: string;
  kind: 'access-denied' | 'throttled' | 'unsupported' | 'not-enabled' | 'aws' | 'internal';
}

const ACCESS_DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|Forbidden)$/;
const THROTTLED =
  /^(Throttling|ThrottlingException|ThrottledException|RequestLimitExceeded|TooManyRequestsException|SlowDown|RequestThrottled|RequestThrottledException)$/;
const UNSUPPORTED =
  /^(NotImplemented|InternalFailure|UnsupportedOperation|InvalidAction|UnknownOperationException|NotImplementedException)$/;
const NOT_ENABLED = /^(OptInRequired|AuthFailure|UnrecognizedClientException|InvalidClientTokenId)$/;

export function describeError(error: unknown): AwsErrorInfo {
  const err = (error ?? {}) as { name?: string; message?: string; Code?: string; $fault?: string; $metadata?: unknown };
  const action = (error && typeof error === 'object' ? (error as Record<symbol, unknown>)[ACTION] : undefined) as string | undefined;
  const code = String(err.Code ?? err.name ?? 'Error');
  const message = String(err.message ?? error)
    .split('\n')[0]!
    .trim();
  const isAws = action !== undefined || err.$fault !== undefined || err.$metadata !== undefined;
  let kind: AwsErrorInfo['kind'] = isAws ? 'aws' : 'internal';
  if (ACCESS_DENIED.test(code)) kind = 'access-denied';
  else if (THROTTLED.test(code)) kind = 'throttled';
  else if (UNSUPPORTED.test(code)) kind = 'unsupported';
  else if (NOT_ENABLED.test(code)) kind = 'not-enabled';
  else if (error instanceof ReadOnlyViolation || error instanceof UndeclaredCall || error instanceof CassetteMiss) kind = 'aws';
  return { action, code, message, kind };
}

/** One line: "ec2:DescribeSecurityGroups failed: AccessDenied — User … is not authorized". */
export function errorSentence(info: AwsErrorInfo): string {
  const where = info.action ? `${info.action} failed` : 'the check failed';
  const hint =
    info.kind === 'access-denied'
      ? ' (grant the action; `srm-audit policy` prints the policy the scan needs)'
      : info.kind === 'throttled'
        ? ' (throttled after retries; lower --concurrency or scan again)'
        : info.kind === 'unsupported'
          ? ' (the endpoint does not implement this call)'
          : info.kind === 'not-enabled'
            ? ' (is the region enabled for this account?)'
            : '';
  return `${where}: ${info.code}: ${info.message}${hint}`;
}

/** AWS's "this configuration does not exist" answers, which are facts rather than failures. */
export function isErrorNamed(error: unknown, ...names: string[]): boolean {
  const err = error as { name?: string; Code?: string } | undefined;
  return !!err && (names.includes(String(err.name)) || names.includes(String(err.Code)));
}

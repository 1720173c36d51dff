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

/**
 * A call that got no answer in time: every attempt hit the connection or request timeout, or the
 * endpoint had already timed out on every attempt of an earlier call (then this one is not sent,
 * so a dead endpoint costs one call's timeouts, not one per call).
 */
export class CallTimedOut extends Error {
  override name = 'TimedOut';
  constructor(message: string, action: string) {
    super(message);
    tagErrorAction(this, action);
  }
}

/** The SDK's name for a connection, request or socket timeout (and Node's timeout codes). */
export const isTimeout = (error: unknown): boolean => {
  const e = error as { name?: unknown; code?: unknown } | undefined;
  return !!e && typeof e === 'object' && (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT' || e.name === 'TimedOut');
};

export interface AwsErrorInfo {
  /** ec2:DescribeSecurityGroups, or undefined when the failure was not an AWS call. */
  action?: string;
  /** AccessDenied, UnauthorizedOperation, ThrottlingException, … or the JS error name. */
  code: string;
  message: string;
  kind: 'access-denied' | 'throttled' | 'timed-out' | 'unsupported' | 'not-enabled' | 'aws' | 'internal';
}

/**
 * An answer that parsed but lacks what the API always returns: an empty or HTML body, a looping
 * Marker, a field real AWS always sets that an emulator left out. `action` is the call that gave it.
 */
export class MalformedResponse extends Error {
  override name = 'MalformedResponse';
  constructor(message: string, action?: string) {
    super(message);
    if (action) tagErrorAction(this, action);
  }
}

/**
 * A field AWS always sends in a successful answer, or an unusable answer (an emulator's bare
 * 200, an HTML page): the absence of configuration comes back from AWS as an error code of its
 * own (NoSuchEntity, NoSuchPublicAccessBlockConfiguration, …), never as a 200 without the field.
 */
export function requireField<T>(value: T | null | undefined, field: string, action: string): T {
  if (value === undefined || value === null) throw new MalformedResponse(`it held no ${field}`, action);
  return value;
}

const ACCESS_DENIED =
  /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|AuthorizationErrorException|Forbidden|NotAuthorized)$/;
const THROTTLED =
  /^(Throttling|ThrottlingException|ThrottledException|RequestLimitExceeded|TooManyRequestsException|SlowDown|RequestThrottled|RequestThrottledException|EC2ThrottledException|BandwidthLimitExceeded|PriorRequestNotComplete|ProvisionedThroughputExceededException)$/;
const UNSUPPORTED =
  /^(NotImplemented|UnsupportedOperation|UnsupportedOperationException|InvalidAction|UnknownOperationException|NotImplementedException|UnknownOperation)$/;
const NOT_ENABLED = /^(OptInRequired|AuthFailure|UnrecognizedClientException|InvalidClientTokenId)$/;
/** Node's socket and DNS failures: the endpoint could not be reached at all. */
const UNREACHABLE = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ECONNABORTED)$/;
/** What the SDK names an error whose body held no error code (an empty or HTML body). */
const NAMELESS = /^(Error|Unknown|UnknownError|SyntaxError)$/;

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown };
}

/** Never throws, whatever was thrown (null, a string, an object without a prototype, a getter that throws). */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    return typeof value === 'string' ? value : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function read(error: unknown): ErrorShape & { action?: string } {
  if (!error || (typeof error !== 'object' && typeof error !== 'function')) return {};
  try {
    const e = error as ErrorShape & Record<symbol, unknown>;
    return {
      name: e.name,
      message: e.message,
      Code: e.Code,
      code: e.code,
      $fault: e.$fault,
      $metadata: e.$metadata && typeof e.$metadata === 'object' ? e.$metadata : undefined,
      $response: e.$response && typeof e.$response === 'object' ? e.$response : undefined,
      action: text(e[ACTION]),
    };
  } catch {
    return {};
  }
}

export function describeError(error: unknown): AwsErrorInfo {
  const err = read(error);
  const action = err.action;
  const status = Number(err.$metadata?.httpStatusCode ?? err.$response?.statusCode) || undefined;
  let code = text(err.Code) ?? text(err.name) ?? 'Error';
  // Node's system errors carry their reason in `code` (ENOTFOUND for an endpoint that does not exist).
  const sysCode = text(err.code);
  if (NAMELESS.test(code) && sysCode && /^E[A-Z_]+$/.test(sysCode)) code = sysCode;
  // No error code in the body (an empty or HTML answer, an emulator's bare 501): the HTTP status is all there is.
  else if (NAMELESS.test(code) && status) code = `HTTP${status}`;
  const message = (text(err.message) ?? text(error) ?? 'no message').split('\n')[0]!.trim() || 'no message';
  const isAws = action !== undefined || err.$fault !== undefined || err.$metadata !== undefined || UNREACHABLE.test(code);
  let kind: AwsErrorInfo['kind'] = isAws ? 'aws' : 'internal';
  if (error instanceof CallTimedOut) kind = 'timed-out';
  else if (ACCESS_DENIED.test(code) || code === 'HTTP403') kind = 'access-denied';
  else if (THROTTLED.test(code) || code === 'HTTP429') kind = 'throttled';
  // LocalStack answers a call it lacks with InternalFailure and HTTP 501; a plain InternalFailure is AWS's own 500.
  else if (UNSUPPORTED.test(code) || status === 501) kind = 'unsupported';
  else if (NOT_ENABLED.test(code)) kind = 'not-enabled';
  else if (error instanceof ReadOnlyViolation || error instanceof UndeclaredCall || error instanceof CassetteMiss) kind = 'aws';
  else if (error instanceof MalformedResponse) kind = 'aws';
  return { action, code, message, kind };
}

/** One line: "ec2:DescribeSecurityGroups failed: AccessDenied — User … is not authorized". */
export function errorSentence(info: AwsErrorInfo): string {
  if (info.code === 'MalformedResponse') return `${info.action ?? 'an AWS call'} returned an unusable answer: ${info.message}`;
  if (info.kind === 'timed-out') return `${info.action ?? 'an AWS call'} timed out: ${info.message}`;
  const where = info.action ? `${info.action} failed` : 'the check failed';
  const hint =
    info.kind === 'access-denied'
      ? ' (grant the action; `srm-audit policy` prints the policy the scan needs)'
      : info.kind === 'throttled'
        ? ' (throttled after retries; lower --concurrency or scan again)'
        : info.kind === 'unsupported'
          ? ' (the endpoint does not implement this call)'
          : info.kind === 'not-enabled'
            ? ' (is the region enabled for this account, and the service offered in it?)'
            : info.code === 'ENOTFOUND' || info.code === 'EAI_AGAIN'
              ? ' (no such endpoint: the service may not be offered in this region, or DNS failed)'
              : UNREACHABLE.test(info.code)
                ? ' (the endpoint could not be reached)'
                : /^HTTP\d/.test(info.code)
                  ? ' (the answer was not a readable AWS response)'
                  : '';
  return `${where}: ${info.code}: ${info.message}${hint}`;
}

/** AWS's "this configuration does not exist" answers, which are facts rather than failures. */
export function isErrorNamed(error: unknown, ...names: string[]): boolean {
  const err = error as { name?: string; Code?: string } | undefined;
  return !!err && (names.includes(String(err.name)) || names.includes(String(err.Code)));
}

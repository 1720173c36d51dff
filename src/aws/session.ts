/**
 * The one seam to AWS. Every SDK client is made here, and every client carries the
 * middleware that refuses non-read-only operations, refuses calls no loader declared,
 * counts calls, and records or replays responses. Nothing else constructs an SDK client.
 */
import type {
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeHandlerOutput,
  HandlerExecutionContext,
  MetadataBearer,
  Pluggable,
} from '@smithy/types';
import { CONNECT_TIMEOUT_MS, DEFAULT_MAX_CALLS, DEFAULT_REQUEST_TIMEOUT_SECONDS } from '../run-constants.js';
import { answerMiddleware, attachAnswer, DEFAULT_MAX_ANSWER_BYTES } from './answer.js';
import { clientClassFor, type ClientFor, type ClientService } from './clients.js';
import { CallTimedOut, isTimeout, ReadOnlyViolation, UndeclaredCall, tagErrorAction } from './errors.js';
import type { CassetteRecorder, RecordedError } from './cassette.js';
import { iamActionFor, isReadOnlyOperation, type ServiceName } from './operations.js';
import { CallLane } from './lane.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import { sdk } from './sdk.js';
const { defaultProvider } = sdk<typeof import('@aws-sdk/credential-provider-node')>('@aws-sdk/credential-provider-node');
const { loadConfig } = sdk<typeof import('@smithy/core/config')>('@smithy/core/config');
const { NODE_MAX_ATTEMPT_CONFIG_OPTIONS, NODE_RETRY_MODE_CONFIG_OPTIONS } = sdk<typeof import('@smithy/core/retry')>('@smithy/core/retry');
const { NodeHttpHandler } = sdk<typeof import('@smithy/node-http-handler')>('@smithy/node-http-handler');
const { Client: SdkClient } = sdk<typeof import('@smithy/core/client')>('@smithy/core/client');
/** The SDK's own `send`, as loaded: a client whose `send` is another (a test's stub) is sent through that one. */
const SDK_SEND = SdkClient.prototype.send;

// The pinned SDK supports Node 20; its notice about future releases needing Node 22 is for
// whoever upgrades the SDK (see README), not for every user of every scan.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export type { ClientFor, ClientService } from './clients.js';

/** Which loader is making the current call, and what it declared it may call. */
export interface CallScope {
  loaderId: string;
  actions: ReadonlySet<string>;
}
/**
 * The scope each command was sent under, set by the scoped client that sent it (see
 * `AwsSession.withScope`). A command sent through a bare client has none and is refused.
 * (An AsyncLocalStorage would carry the scope too, but in Node 20 it puts a hook on every
 * promise, and one SDK call makes dozens: a tenth of a large scan's CPU.)
 */
const commandScopes = new WeakMap<object, CallScope>();

/**
 * How a call gives its lane slot back once its request is on the wire (see CallLane), by
 * command: the attempt middleware below signing finds the command in its chain's context (the
 * SDK puts it there, and HandlerPool's reset puts each reused chain's next command there).
 */
const laneLeaves = new WeakMap<object, () => void>();

function leaveLane(context: HandlerExecutionContext): void {
  const command = (context as Record<string, { commandInstance?: object } | undefined>)[SMITHY_CONTEXT]?.commandInstance;
  if (command) laneLeaves.get(command)?.();
}

export class CallCounter {
  private readonly counts = new Map<string, number>();
  /** HTTP attempts, retries included (a throttled call retried twice is 1 call, 3 attempts). */
  attempts = 0;
  add(action: string): void {
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
  }
  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }
  byOperation(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** One AWS call as the seam sees it. */
export interface AwsCall {
  service: ServiceName;
  region: string;
  operation: string;
  input: unknown;
  /** The member account the call is for, in an organization scan (undefined: the caller's own). */
  accountId?: string;
}

/**
 * Answers calls instead of AWS: a replayed cassette, the demo account's world model, the
 * benchmark's synthetic accounts. It returns the operation's output or throws the error
 * AWS would have thrown.
 */
export type Responder = (call: AwsCall) => unknown;

export interface SessionOptions {
  /** Named profile from ~/.aws/config; otherwise the SDK's default provider chain decides. */
  profile?: string;
  /** A custom endpoint (LocalStack-style emulators); AWS_ENDPOINT_URL is read by the CLI. */
  endpointUrl?: string;
  /** Region for global services (IAM, STS, S3 listing) and bootstrap calls. */
  homeRegion: string;
  /** Answers every call at the seam, with no network and no credentials (replay, demo). */
  responder?: Responder;
  /**
   * Answers every call at the bottom of the stack instead of the HTTP handler: below the
   * SDK's retry and signing, so throttling errors it throws are retried as AWS's would be
   * (the benchmark).
   */
  transport?: Responder;
  /** Client-side rate limits by service (and `default`); see rate-limit.ts for the defaults. */
  rateLimits?: Partial<Record<string, RateLimit>>;
  recorder?: CassetteRecorder;
  /**
   * Attempts per call and the SDK's retry mode. Unset, they follow the AWS conventions:
   * AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, then the profile's max_attempts / retry_mode, then
   * DEFAULT_RETRY (adaptive: client-side rate limiting on top of the seam's own).
   */
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive' | 'legacy';
  /** Seconds an attempt may take to answer (connecting takes at most CONNECT_TIMEOUT_MS of it); default 30. */
  requestTimeoutSeconds?: number;
  /** The largest answer read, in bytes (default 64 MiB); past it the call fails naming itself. */
  maxAnswerBytes?: number;
  /** Check × region tasks run at once: the HTTP agent keeps that many sockets per host. */
  concurrency?: number;
  /** For tests and the benchmark: a stand-in for the HTTP handler. */
  requestHandler?: unknown;
  /**
   * Credentials instead of the profile or default chain: a member account's assumed role in an
   * organization scan (see `forAccount`).
   */
  credentials?: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;
  /** The member account this session reads (set by `forAccount`; responders see it on each call). */
  accountId?: string;
  /** Calls inside the SDK at once (see CallLane); default DEFAULT_MAX_CALLS. */
  callSlots?: number;
  /** Set by `forAccount`: the lane every member account's session shares. */
  lane?: CallLane;
}

/**
 * A setting as the AWS CLI resolves it: the value given, else the environment variable (set to
 * nothing counts as unset), else the profile's key, else the tool's default.
 */
function awsSetting<T>(
  given: T | undefined,
  variable: string,
  options: {
    environmentVariableSelector: (env: NodeJS.ProcessEnv) => T | undefined;
    configFileSelector: (profile: Record<string, string | undefined>) => T | undefined;
  },
  fallback: T,
  fromProfile: { profile?: string },
): () => Promise<T> {
  if (given !== undefined) return () => Promise.resolve(given);
  const environmentVariableSelector = (env: NodeJS.ProcessEnv) => (env[variable] ? options.environmentVariableSelector(env) : undefined);
  return loadConfig<T>({ environmentVariableSelector, configFileSelector: options.configFileSelector, default: fallback }, fromProfile);
}

/** The tool's retry settings when neither the environment nor the profile sets them. */
export const DEFAULT_RETRY = { maxAttempts: 8, retryMode: 'adaptive' } as const;
export { CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_SECONDS };

/**
 * The options of the one HTTP handler a session's clients share. Sockets per host follow the
 * concurrency (the SDK's default of 50 queues a busy scan's calls and warns "socket usage at
 * capacity" on stderr); keep-alive reuses them across calls.
 */
export function httpHandlerOptions(requestTimeoutSeconds: number, concurrency: number) {
  const requestTimeout = Math.round(requestTimeoutSeconds * 1000);
  const agent = { keepAlive: true, maxSockets: Math.max(50, concurrency) };
  return {
    connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, requestTimeout),
    // Until the answer's headers arrive…
    requestTimeout,
    throwOnRequestTimeout: true,
    // …and then while its body is read: a socket silent this long ends the attempt.
    socketTimeout: requestTimeout,
    httpAgent: agent,
    httpsAgent: agent,
  };
}

export class AwsSession {
  readonly calls = new CallCounter();
  private readonly clients = new Map<string, unknown>();
  /** service|region of endpoints that timed out on every attempt of a call, with what happened. */
  private readonly unresponsive = new Map<string, string>();
  private shared?: { handler: unknown; credentials?: unknown; maxAttempts: () => Promise<number>; retryMode: () => Promise<string> };
  /**
   * The same rate limits, twice: `admission` lets a call into the SDK's stack (so thousands of
   * waiting calls cost a closure each, not a signed request each), and `wire` spaces the
   * attempts that leave, whatever delayed them on the way (a busy event loop, a retry).
   */
  private readonly admission: RateLimiter;
  private readonly wire: RateLimiter;
  /** Calls inside the SDK at once, services served in turn. */
  private readonly lane: CallLane;
  /** The lane of the member accounts' sessions (`forAccount`): one for all of them, not this one's (see forAccount). */
  private readonly memberLane: CallLane;
  /** The middleware chains its clients keep for calls to come (see HandlerPool). */
  private readonly handlerPools: HandlerPool[] = [];

  constructor(readonly options: SessionOptions) {
    this.admission = new RateLimiter(options.rateLimits);
    this.wire = new RateLimiter(options.rateLimits);
    this.lane = options.lane ?? new CallLane(options.callSlots ?? DEFAULT_MAX_CALLS);
    this.memberLane = new CallLane(options.callSlots ?? DEFAULT_MAX_CALLS);
  }

  /**
   * A view of this session for one loader: its clients are the session's own (one per service
   * and region, shared by every loader), but each command sent through them carries `scope`,
   * so the seam knows which loader made the call and what it declared.
   */
  withScope(scope: CallScope): AwsSession {
    const view = Object.create(this) as AwsSession;
    const scoped = new Map<string, unknown>();
    view.client = <S extends ClientService>(service: S, region: string = this.homeRegion): ClientFor<S> => {
      const key = `${service}|${region}`;
      let client = scoped.get(key) as ClientFor<S> | undefined;
      if (!client) {
        const shared = this.client(service, region) as unknown as { send: (command: object, ...rest: unknown[]) => Promise<unknown> };
        // Inherits from the shared client, so SDK paginators still see an instance of its class.
        client = Object.create(shared, {
          send: {
            value: (command: object, ...rest: unknown[]) => {
              commandScopes.set(command, scope);
              return shared.send(command, ...rest);
            },
          },
        }) as ClientFor<S>;
        scoped.set(key, client);
      }
      return client;
    };
    return view;
  }

  /**
   * A session of its own for one member account: its own clients (so its own credentials), call
   * counter and rate limits (AWS's limits are per account and region, so accounts never wait
   * for each other), with the same guard, endpoint, recorder and transport as this one.
   */
  forAccount(accountId: string, credentials: NonNullable<SessionOptions['credentials']>): AwsSession {
    // The members share one lane (one core serves them all), apart from this session's: a
    // member's call that refreshes its credentials (AssumeRole through this session) must
    // never wait for a slot its own account's calls hold.
    return new AwsSession({ ...this.options, profile: undefined, credentials, accountId, lane: this.memberLane });
  }

  /**
   * Lets go of what the session keeps for calls to come: its clients' idle middleware chains,
   * which would otherwise keep its clients (and an organization member's credentials) until
   * other clients' chains push them out. A later call still works, on a chain of its own.
   */
  close(): void {
    for (const pool of this.handlerPools) pool.forget();
  }

  /** The most calls one endpoint (a service in a region) may have in flight: a quarter of --max-calls. */
  get endpointSlots(): number {
    return this.lane.endpointSlots;
  }

  get homeRegion(): string {
    return this.options.homeRegion;
  }

  get offline(): boolean {
    return this.options.responder !== undefined;
  }

  client<S extends ClientService>(service: S, region: string = this.homeRegion): ClientFor<S> {
    const key = `${service}|${region}`;
    let client = this.clients.get(key) as ClientFor<S> | undefined;
    if (!client) {
      client = this.create(service, region);
      this.clients.set(key, client);
    }
    return client;
  }

  ec2(region: string) {
    return this.client('ec2', region);
  }
  iam() {
    return this.client('iam');
  }
  sts() {
    return this.client('sts');
  }
  s3(region: string = this.homeRegion) {
    return this.client('s3', region);
  }
  s3control(region: string = this.homeRegion) {
    return this.client('s3control', region);
  }
  rds(region: string) {
    return this.client('rds', region);
  }
  accessanalyzer(region: string) {
    return this.client('accessanalyzer', region);
  }

  /**
   * What every live client of the session shares: one HTTP handler (timeouts, agent), one
   * credential provider (a role profile assumes its role once per session, not once per client,
   * and each AssumeRole is counted like any call), and the retry settings.
   */
  private sharedConfig() {
    if (this.shared) return this.shared;
    const { profile, requestHandler, responder, transport, maxAttempts, retryMode, endpointUrl } = this.options;
    const handler =
      requestHandler ??
      new NodeHttpHandler(
        httpHandlerOptions(
          this.options.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS,
          Math.max(this.options.concurrency ?? 1, this.lane.slots),
        ),
      );
    const fromProfile = profile && !responder ? { profile } : {};
    const settings = {
      handler,
      credentials:
        responder || transport
          ? undefined
          : defaultProvider({
              ...fromProfile,
              // The STS (and SSO) clients the provider makes use the same handler, endpoint and counting.
              clientConfig: { requestHandler: handler, ...(endpointUrl ? { endpoint: endpointUrl } : {}) },
              clientPlugins: [this.credentialCallCounter()],
            }),
      maxAttempts: awsSetting(maxAttempts, 'AWS_MAX_ATTEMPTS', NODE_MAX_ATTEMPT_CONFIG_OPTIONS, DEFAULT_RETRY.maxAttempts, fromProfile),
      retryMode: awsSetting<string>(retryMode, 'AWS_RETRY_MODE', NODE_RETRY_MODE_CONFIG_OPTIONS, DEFAULT_RETRY.retryMode, fromProfile),
    };
    this.shared = settings;
    return settings;
  }

  /**
   * A plugin for the clients the credential provider makes (sts:AssumeRole for a role profile,
   * AssumeRoleWithWebIdentity, SSO's GetRoleCredentials): their calls count in `run.apiCalls`.
   * Sessions made per account (Organizations) assume roles through the same counter.
   */
  credentialCallCounter(): Pluggable<object, MetadataBearer> {
    const calls = this.calls;
    return {
      applyToStack: (stack) => {
        stack.add(
          (next, context) => (args) => {
            const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
            const service = String(context.clientName ?? 'STSClient')
              .replace(/Client$/, '')
              .toLowerCase();
            calls.add(`${service}:${operation}`);
            return next(args);
          },
          { step: 'initialize', priority: 'high', name: 'srmAuditCredentialCalls', tags: ['SRM_AUDIT'] },
        );
      },
    };
  }

  private create<S extends ClientService>(service: S, region: string): ClientFor<S> {
    const { profile, endpointUrl, responder, transport } = this.options;
    const shared = this.sharedConfig();
    const config: Record<string, unknown> = {
      region,
      retryMode: shared.retryMode,
      maxAttempts: shared.maxAttempts,
      requestHandler: shared.handler,
    };
    if (profile && !responder) config.profile = profile;
    // A member account's assumed role (organization scans) replaces the profile's chain.
    if (this.options.credentials && !responder && !transport) config.credentials = this.options.credentials;
    else if (shared.credentials) config.credentials = shared.credentials;
    if (endpointUrl) config.endpoint = endpointUrl;
    // Emulators serve buckets on one host, not as virtual-hosted subdomains.
    if (endpointUrl && service === 's3') config.forcePathStyle = true;
    // A directory bucket's S3 Express session is a CreateSession the client would send from
    // inside another call (a write the seam refuses, and a call waiting for a lane slot its own
    // caller holds): sign such requests with SigV4 instead.
    if (service === 's3') config.disableS3ExpressSessionAuth = true;
    // S3 Control's endpoint rules put the account id in front of the host ({AccountId}.host),
    // which no IP address or localhost endpoint can serve (and `disableHostPrefix` does not
    // stop: the prefix comes from the endpoint ruleset, not the hostPrefix trait). The account
    // id also travels in the x-amz-account-id header, so a custom endpoint is used as given.
    if (endpointUrl && service === 's3control') config.endpointProvider = () => ({ url: new URL(endpointUrl) });
    // An answered call never reaches signing, but the credential chain must not even be asked.
    if (responder || transport) config.credentials = { accessKeyId: 'OFFLINE', secretAccessKey: 'OFFLINE' };
    const Client = clientClassFor(service) as new (cfg: Record<string, unknown>) => ClientFor<S>;
    const client = new Client(config);
    reuseSigners(client);
    if (!responder) this.admit(client, service, region);
    const stack = (client as unknown as { middlewareStack: { add: (mw: unknown, opts: unknown) => void } }).middlewareStack;
    stack.add(this.seamMiddleware(service, region), { step: 'initialize', priority: 'high', name: 'srmAuditSeam', tags: ['SRM_AUDIT'] });
    stack.add(this.attemptMiddleware(service, region, transport), {
      step: 'finalizeRequest',
      priority: 'low',
      name: 'srmAuditAttempt',
      tags: ['SRM_AUDIT'],
    });
    const protocol = (client as unknown as { config?: { protocol?: { getShapeId?: () => string } } }).config?.protocol?.getShapeId?.();
    stack.add(answerMiddleware(this.options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES, service, protocol), {
      step: 'deserialize',
      priority: 'low',
      name: 'srmAuditAnswer',
      tags: ['SRM_AUDIT'],
    });
    return client;
  }

  /**
   * Calls wait for their admission token before `send` starts: a call the SDK has begun holds
   * a copy of the middleware stack and a request, so thousands of calls queued inside it cost
   * hundreds of megabytes, while queued here they cost a closure each. The prototype's send is
   * looked up on each call, so test stubs of it (aws-sdk-client-mock) still apply; the SDK's
   * own send is replaced by a pool of resolved middleware chains (HandlerPool).
   */
  private admit(client: unknown, service: ServiceName, region: string): void {
    const target = client as { send: (command: object, ...rest: unknown[]) => Promise<unknown> };
    const { admission, lane } = this;
    const account = this.options.accountId;
    // Turns go service by service (and account by account in an organization); an endpoint is
    // the service in one region of one account.
    const turn = account ? `${account}|${service}` : service;
    const endpoint = `${account ?? ''}|${service}|${region}`;
    const handlers = new HandlerPool(target);
    this.handlerPools.push(handlers);
    target.send = (command: object, ...rest: unknown[]) => {
      const operation = command.constructor.name.replace(/Command$/, '');
      const send = (Object.getPrototypeOf(target) as typeof target).send;
      const call =
        send === SDK_SEND && rest.length === 0 && handlers.serves(command)
          ? () => handlers.send(command)
          : () => send.call(target, command, ...rest);
      const dispatch = (leave: () => void) => {
        laneLeaves.set(command, leave);
        return call();
      };
      return admission.take(service, operation, region).then(() => lane.run(turn, endpoint, dispatch));
    };
  }

  /**
   * The last step before a request leaves, below retries and signing: every attempt (retries
   * included) takes a token of its API's rate limit here, so nothing bunches up between the
   * token and the wire; then it is counted, and answered when a transport stands in for AWS.
   */
  private attemptMiddleware(service: ServiceName, region: string, transport?: Responder) {
    const calls = this.calls;
    const wire = this.wire;
    const accountId = this.options.accountId;
    return <Output extends MetadataBearer>(
        next: (args: unknown) => Promise<{ output: Output; response: unknown }>,
        context: HandlerExecutionContext,
      ) =>
      async (args: { input: unknown; request?: unknown }): Promise<{ output: Output; response: unknown }> => {
        const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
        await wire.take(service, operation, region);
        // On the wire now: the call waits on the network, and its lane slot goes to the next call.
        leaveLane(context);
        calls.attempts++;
        if (!transport) return next(args);
        const output = (await transport({ service, region, operation, input: args.input, accountId })) as object;
        return {
          output: { ...output, $metadata: { httpStatusCode: 200 } } as unknown as Output,
          response: { statusCode: 200, headers: {} },
        };
      };
  }

  /** A timeout after the SDK's retries: named for the call, and the endpoint is not asked again. */
  private timedOut(error: unknown, action: string, endpoint: string): CallTimedOut {
    const attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
    const seconds = this.options.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS;
    const tries = attempts === 1 ? 'its one attempt' : `each of ${attempts} attempts`;
    const what = `no answer within ${seconds} s on ${tries} (--request-timeout)`;
    this.unresponsive.set(endpoint, `${action} to the same endpoint got no answer within ${seconds} s on ${tries}`);
    return new CallTimedOut(what, action);
  }

  private seamMiddleware(service: ServiceName, region: string) {
    const { responder, recorder, accountId } = this.options;
    const calls = this.calls;
    return <Input extends object, Output extends MetadataBearer>(
      next: InitializeHandler<Input, Output>,
      context: HandlerExecutionContext,
    ): InitializeHandler<Input, Output> => {
      // Resolving a chain for HandlerPool: it keeps the chain's context as resolved.
      resolvedContext = context;
      return async (args: InitializeHandlerArguments<Input>): Promise<InitializeHandlerOutput<Output>> => {
        const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
        const action = iamActionFor(service, operation);
        if (!isReadOnlyOperation(operation)) throw new ReadOnlyViolation(action);
        // In the initialize step the arguments are the command itself.
        const scope = commandScopes.get(args);
        if (!scope) throw new UndeclaredCall(action, 'a call made outside any loader');
        if (!scope.actions.has(action)) throw new UndeclaredCall(action, `loader "${scope.loaderId}"`);
        const endpoint = `${service}|${region}`;
        const silent = this.unresponsive.get(endpoint);
        if (silent) throw new CallTimedOut(`not sent: ${silent}`, action);
        calls.add(action);
        const input = args.input as unknown;
        try {
          const result: InitializeHandlerOutput<Output> = responder
            ? {
                output: {
                  ...((await responder({ service, region, operation, input, accountId })) as object),
                  $metadata: {},
                } as unknown as Output,
                response: undefined,
              }
            : await next(args);
          attachAnswer(result.response, result.output);
          recorder?.add({ service, region, operation, input, output: result.output });
          return result;
        } catch (error) {
          recorder?.add({ service, region, operation, input, error: toRecordedError(error) });
          if (isTimeout(error)) throw this.timedOut(error, action, endpoint);
          throw tagged(error, action);
        }
      };
    };
  }
}

/**
 * The SDK builds a new SigV4 signer for every request (spreading the whole client config
 * into it), so each request also derives its signing key afresh: four HMACs and an object
 * copy per call, a measurable share of a scan's CPU when S3 needs six reads per bucket.
 * A client signs with the same few schemes (name, service, region) all run, so one signer
 * per scheme serves; the signer's own key cache then works, and credentials still come
 * from the client's provider on every request (refreshed as the SDK refreshes them).
 */
function reuseSigners(client: unknown): void {
  type AuthScheme = { name?: string; signingName?: string; signingRegion?: string; signingRegionSet?: string[] } | undefined;
  const config = (client as { config?: { signer?: (scheme: AuthScheme) => Promise<unknown> } }).config;
  const make = config?.signer;
  if (!config || typeof make !== 'function') return;
  const signers = new Map<string, Promise<unknown>>();
  config.signer = (scheme: AuthScheme) => {
    const key = [scheme?.name, scheme?.signingName, scheme?.signingRegion, scheme?.signingRegionSet?.join(',')].join('|');
    let signer = signers.get(key);
    if (!signer) {
      signer = make(scheme);
      signers.set(key, signer);
      signer.catch(() => signers.delete(key));
    }
    return signer;
  };
}

type ResolvedHandler = (command: object) => Promise<{ output: unknown }>;
interface SdkCommand {
  resolveMiddleware(stack: unknown, config: unknown, options: undefined): ResolvedHandler;
}

/**
 * Idle middleware chains kept at most, across every client of the process (about 10 kB each;
 * a scan has a few hundred client × command pairs, most of them done with early).
 */
export const IDLE_CHAINS = 256;

/** A resolved middleware chain, and what puts its context back as resolved. */
interface Chain {
  handler: ResolvedHandler;
  reset: (command: object) => void;
  /** The pool's generation it was resolved in (see HandlerPool.forget); -1: never pooled. */
  generation: number;
}
/** Every idle chain, least recently returned first, with the pool it waits in. */
const idleChains = new Map<Chain, Chain[]>();
/** Idle middleware chains held in the process (for tests). */
export function idleChainCount(): number {
  return idleChains.size;
}
/** The context the seam middleware of the chain being resolved was given (see seamMiddleware). */
let resolvedContext: object | undefined;
/** Where the SDK keeps a call's own context (the command, auth scheme, features) in it. */
const SMITHY_CONTEXT = '__smithy_context';

/**
 * A client's resolved middleware chains, kept per command class and lent to one call at a
 * time. The SDK's `send` resolves the chain again for every call: it copies the client's and
 * the command's middleware stacks, sorts them and closes each middleware over a new context,
 * about a sixth of a large scan's CPU. The SDK's own cache (`cacheMiddleware`) avoids that but
 * gives every concurrent call of a command class one shared context, which the middleware
 * write per call (endpoint, auth scheme, signing region, S3's region redirect). Here a chain
 * serves one call at a time and returns to its pool when that call settles, so no two calls
 * in flight share a context, and each call starts from the context as it was resolved (the
 * entries a call added are removed, the others put back), with itself as the command: what a
 * fresh chain would give it. The least recently used idle chains beyond IDLE_CHAINS are let go.
 */
class HandlerPool {
  private readonly pools = new Map<unknown, Chain[]>();
  /** Bumped when the client's middleware stack changes: chains resolved before are let go. */
  private generation = 0;

  constructor(private readonly client: object) {
    const stack = (client as { middlewareStack?: Record<string, unknown> }).middlewareStack;
    if (!stack) return;
    // `use` (plugins) and `applyToStack` add through `add` and `addRelativeTo`.
    for (const name of ['add', 'addRelativeTo', 'remove', 'removeByTag']) {
      const change = stack[name];
      if (typeof change !== 'function') continue;
      stack[name] = (...args: unknown[]) => {
        this.forget();
        return (change as (...a: unknown[]) => unknown).apply(stack, args);
      };
    }
  }

  /**
   * Whether a chain resolved for another command of its class serves `command` as its own would:
   * it carries no middleware of its own (the SDK adds a command's own to its stack when resolving it).
   */
  serves(command: object): boolean {
    const own = (command as { middlewareStack?: { identify?: () => string[] } }).middlewareStack;
    return typeof own?.identify === 'function' && own.identify().length === 0;
  }

  /** What the SDK's `send(command)` returns: the command's output, or its error. */
  send(command: object): Promise<unknown> {
    let pool = this.pools.get(command.constructor);
    if (!pool) this.pools.set(command.constructor, (pool = []));
    const free = pool;
    const reused = free.pop();
    if (reused) {
      idleChains.delete(reused);
      reused.reset(command);
    }
    const chain = reused ?? this.resolve(command);
    const release = () => {
      if (chain.generation !== this.generation) return;
      free.push(chain);
      idleChains.set(chain, free);
      if (idleChains.size > IDLE_CHAINS) {
        // The least recently returned chain of all; in its pool, the bottom one.
        const [oldest, its] = idleChains.entries().next().value as [Chain, Chain[]];
        idleChains.delete(oldest);
        its.splice(its.indexOf(oldest), 1);
      }
    };
    return chain.handler(command).then(
      (result) => {
        release();
        return result.output;
      },
      (error: unknown) => {
        release();
        throw error;
      },
    );
  }

  /** Lets every chain go (the client's stack changed, or its session closed): idle ones now, those in use when their call settles. */
  forget(): void {
    this.generation++;
    for (const pool of this.pools.values()) for (const chain of pool) idleChains.delete(chain);
    this.pools.clear();
  }

  /**
   * A new chain with what resets its context. When the seam middleware did not see the context,
   * nothing could reset it: the chain serves this call only (a generation no pool has).
   */
  private resolve(command: object): Chain {
    resolvedContext = undefined;
    const handler = resolve(this.client, command);
    const context = resolvedContext as Record<string, unknown> | undefined;
    resolvedContext = undefined;
    if (!context) return { handler, reset: () => undefined, generation: -1 };
    const resolved = { ...context };
    const smithy = { ...(context[SMITHY_CONTEXT] as object | undefined) };
    const reset = (next: object) => {
      for (const key of Object.keys(context)) if (!Object.hasOwn(resolved, key)) delete context[key];
      Object.assign(context, resolved, { [SMITHY_CONTEXT]: { ...smithy, commandInstance: next } });
    };
    return { handler, reset, generation: this.generation };
  }
}

function resolve(client: object, command: object): ResolvedHandler {
  const { middlewareStack, config } = client as { middlewareStack: unknown; config: unknown };
  return (command as SdkCommand).resolveMiddleware(middlewareStack, config, undefined);
}

function tagged<E>(error: E, action: string): E {
  tagErrorAction(error, action);
  return error;
}

function toRecordedError(error: unknown): RecordedError {
  const err = error as { name?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
  return {
    name: String(err?.name ?? 'Error'),
    message: String(err?.message ?? error),
    fault: err?.$fault === 'server' ? 'server' : 'client',
    httpStatusCode: err?.$metadata?.httpStatusCode,
  };
}

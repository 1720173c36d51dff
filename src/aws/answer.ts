/**
 * What the seam accepts as an answer. Every HTTP answer is read here, below the SDK's
 * deserialiser, before anything parses it:
 *
 * - **a size cap**: past `maxBytes` the body is no longer read (the socket is closed), so a
 *   hostile or broken endpoint cannot drive the process out of memory;
 * - **the operation's document**: a 2xx whose body is an HTML page, or not the protocol's
 *   document at all (a query-protocol answer whose root is not `<OperationResponse>`, a JSON
 *   protocol answer that is not a JSON object), is no answer. The SDK's lenient parsers would
 *   read such a body as an answer with every field absent, which loaders would then take for
 *   "not configured" (GetBucketLocation as us-east-1, GetPublicAccessBlock as all flags off).
 *
 * The check is by protocol, so every service a loader adds inherits it. The root element of an
 * XML answer and the response headers are kept with the output (`answerOf`) for the loaders
 * whose document the protocol alone does not pin (S3's REST-XML: GetBucketLocation).
 */
import type { HandlerExecutionContext } from '@smithy/types';
import { DEFAULT_MAX_ANSWER_MIB } from '../run-constants.js';
import { MalformedResponse } from './errors.js';
import { iamActionFor, type ServiceName } from './operations.js';

/** 64 MiB: far above any read-only answer AWS gives a page of (ListBuckets of 10,000 buckets is ~2 MiB). */
export const DEFAULT_MAX_ANSWER_BYTES = DEFAULT_MAX_ANSWER_MIB * 1024 * 1024;

/** An answer larger than the cap: not retried (it would be as large again), reported naming the call. */
export class AnswerTooLarge extends Error {
  override name = 'AnswerTooLarge';
  constructor(readonly limit: number) {
    super(`the answer exceeded ${formatBytes(limit)} and was not read further (the cap on an answer's size; see --max-answer-size)`);
  }
}

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KiB` : `${n} bytes`;

/** What the seam saw of an answer, beyond the parsed output. */
export interface AnswerFacts {
  /** The root element of an XML body; '' for an empty body; undefined for a non-XML body. */
  root?: string;
  /** Response headers, lower-cased names. */
  headers: Record<string, string>;
}

const FACTS = Symbol.for('srm-audit.answer');

/** The seam's facts about the answer an output was parsed from; undefined for replayed, stubbed or stand-in outputs. */
export function answerOf(output: unknown): AnswerFacts | undefined {
  return output && typeof output === 'object' ? ((output as Record<symbol, AnswerFacts | undefined>)[FACTS] ?? undefined) : undefined;
}

/** Carries the facts from the raw response to the output (not enumerable: cassettes and reports never see them). */
export function attachAnswer(response: unknown, output: unknown): void {
  const facts = response && typeof response === 'object' ? (response as Record<symbol, AnswerFacts | undefined>)[FACTS] : undefined;
  if (facts && output && typeof output === 'object') Object.defineProperty(output, FACTS, { value: facts, enumerable: false });
}

type Body = AsyncIterable<Uint8Array | string> | Uint8Array | string | undefined | null;

/** The body's bytes, refusing to read past `limit`. */
async function readCapped(body: Body, limit: number): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const bytes = Buffer.from(body);
    if (bytes.length > limit) throw new AnswerTooLarge(limit);
    return bytes;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += bytes.length;
    if (size > limit) {
      // Stops the transfer: a stream's iterator is destroyed when the loop is left.
      (body as { destroy?: () => void }).destroy?.();
      throw new AnswerTooLarge(limit);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

const HTML = /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** The first element's name of an XML text: after a BOM, the declaration, comments and a doctype. */
export function xmlRoot(text: string): string | undefined {
  const rest = text.replace(/^\uFEFF?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/i, '');
  const match = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(rest);
  return match?.[2];
}

/**
 * Why `text` is not the answer the protocol sends for `operation` with a 2xx status, or undefined
 * when it may be. `protocol` is the client's Smithy protocol id (aws.protocols#awsQuery, …).
 */
export function notTheDocument(protocol: string | undefined, operation: string, text: string): string | undefined {
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 64);
  if (HTML.test(head)) return 'the body was an HTML page, not the operation’s document';
  switch (protocol) {
    case 'aws.protocols#awsQuery':
    case 'aws.protocols#ec2Query': {
      const root = xmlRoot(text);
      if (root === `${operation}Response`) return undefined;
      return head === ''
        ? 'the body was empty'
        : `the body was not a ${operation}Response document (root ${root ? `<${root}>` : 'not XML'})`;
    }
    case 'aws.protocols#awsJson1_0':
    case 'aws.protocols#awsJson1_1':
      return head.startsWith('{') ? undefined : head === '' ? 'the body was empty' : 'the body was not a JSON object';
    case 'aws.protocols#restJson1':
      // An operation whose output is all headers may send no body.
      return head === '' || head.startsWith('{') || head.startsWith('[') ? undefined : 'the body was not a JSON document';
    default:
      // REST-XML (S3): a payload may be XML or a JSON policy text; the loaders pin the rest.
      return undefined;
  }
}

interface RawResponse {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: Body;
}

/**
 * The middleware, for the `deserialize` step at low priority: it runs inside the deserialiser
 * (which parses what it returns) and inside the retries (so a cut-off answer is not retried).
 */
export function answerMiddleware(maxBytes: number, service: ServiceName, protocol: string | undefined) {
  return (next: (args: unknown) => Promise<{ response: unknown }>, context: HandlerExecutionContext) =>
    async (args: unknown): Promise<{ response: unknown }> => {
      const result = await next(args);
      const response = result.response as RawResponse | undefined;
      if (!response || typeof response !== 'object') return result;
      const operation = String(context.commandName ?? '').replace(/Command$/, '');
      // The parser reads these bytes instead of the stream.
      const bytes = await readCapped(response.body, maxBytes);
      response.body = bytes;
      const status = response.statusCode ?? 0;
      const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      if (status >= 200 && status < 300) {
        const text = bytes.toString('utf8');
        const why = notTheDocument(protocol, operation, text);
        if (why) {
          const type = headers['content-type'] ? `, ${headers['content-type']}` : '';
          throw new MalformedResponse(`${why} (HTTP ${status}${type})`, iamActionFor(service, operation));
        }
        const facts: AnswerFacts = { root: bytes.length === 0 ? '' : xmlRoot(text), headers };
        Object.defineProperty(response, FACTS, { value: facts, enumerable: false });
      }
      return result;
    };
}

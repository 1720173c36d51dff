/**
 * Reading IAM policy documents as IAM does, for the one question the identity checks ask:
 * does a statement grant full administrative access (`*:*`)? CIS 1.16 / 1.15 and FSBP IAM.1
 * define it as a statement with Effect "Allow", Action "*" and Resource "*". Each of
 * Action and Resource may be a string or a list; a list containing "*" is "*".
 * `NotAction` and `NotResource` are not "*" (they grant everything *except* something,
 * which the controls do not count), and a Deny statement grants nothing.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, unknown>;
}

export interface PolicyDocument {
  Version?: string;
  Statement?: PolicyStatement | PolicyStatement[];
}

export class PolicyDocumentError extends Error {
  override name = 'PolicyDocumentError';
}

/**
 * GetAccountAuthorizationDetails (and GetPolicyVersion) return documents URL-encoded per
 * RFC 3986; some emulators and SDKs return them decoded. A document that already starts
 * with "{" is JSON; anything else is decoded first, as AWS says to (java.net.URLDecoder):
 * "+" is a space, as form encoders write it, and a literal "+" arrives as "%2B".
 */
export function decodePolicyDocument(raw: string | undefined | null): PolicyDocument {
  if (raw === undefined || raw === null || raw.trim() === '') throw new PolicyDocumentError('the policy document is empty');
  const trimmed = raw.trim();
  let text = trimmed;
  if (!trimmed.startsWith('{')) {
    try {
      text = decodeURIComponent(trimmed.replaceAll('+', ' '));
    } catch {
      throw new PolicyDocumentError('the policy document is neither JSON nor URL-encoded JSON');
    }
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new PolicyDocumentError(`the policy document is not valid JSON: ${(error as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new PolicyDocumentError('the policy document is not a JSON object');
  return doc as PolicyDocument;
}

export function statementsOf(doc: PolicyDocument): PolicyStatement[] {
  const s = doc.Statement;
  if (s === undefined) return [];
  return (Array.isArray(s) ? s : [s]).filter((x): x is PolicyStatement => !!x && typeof x === 'object');
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Whitespace an endpoint kept around a wildcard (" * ") does not make it less of a wildcard. */
const bare = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : v);
/** "*" matches every action; "*:*" is the same wildcard spelled with a service part. */
const isEveryAction = (a: unknown): boolean => bare(a) === '*' || bare(a) === '*:*';
const isEveryResource = (r: unknown): boolean => bare(r) === '*';

export function grantsFullAdmin(stmt: PolicyStatement): boolean {
  if (stmt.Effect !== 'Allow') return false;
  if (stmt.Action === undefined || stmt.Resource === undefined) return false;
  return asList(stmt.Action).some(isEveryAction) && asList(stmt.Resource).some(isEveryResource);
}

export interface AdminStatement {
  /** Position in the Statement list (0-based). */
  index: number;
  sid?: string;
  /** True when the statement carries a Condition: still reported, as CIS does, but said. */
  conditional: boolean;
}

export function fullAdminStatements(doc: PolicyDocument): AdminStatement[] {
  return statementsOf(doc).flatMap((stmt, index) =>
    grantsFullAdmin(stmt)
      ? [{ index, sid: stmt.Sid, conditional: stmt.Condition !== undefined && Object.keys(stmt.Condition).length > 0 }]
      : [],
  );
}

export function describeAdminStatements(found: readonly AdminStatement[]): string {
  return found.map((s) => `statement ${s.sid ? `"${s.sid}"` : `#${s.index + 1}`}${s.conditional ? ' (with a Condition)' : ''}`).join(', ');
}

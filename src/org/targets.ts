/**
 * Which accounts an organization run covers: the organization's ACTIVE accounts, those under
 * one OU (recursively), or an explicit list; each with its name and OU path where the
 * organization could be read.
 */
import { describeError } from '../aws/errors.js';
import type { LoaderCache } from '../aws/loader.js';
import { organizationAccounts, organizationTree, type OrgTree } from '../aws/loaders/organizations.js';
import { UsageError } from '../errors.js';

export interface AccountTarget {
  id: string;
  name: string;
  ouPath?: string;
}

export interface TargetRequest {
  /** Read the organization (ListAccounts and the OU tree). */
  organization: boolean;
  /** Only accounts under this OU (or root), recursively. */
  ou?: string;
  /** Exactly these accounts. */
  accounts?: string[];
}

const ACCOUNT_ID = /^\d{12}$/;
const OU_ID = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;

export function validateTargetRequest(req: TargetRequest): void {
  for (const id of req.accounts ?? []) {
    if (!ACCOUNT_ID.test(id)) throw new UsageError(`--accounts: "${id}" is not a 12-digit AWS account id`);
  }
  if (req.ou && !OU_ID.test(req.ou)) throw new UsageError(`--ou "${req.ou}" is not an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)`);
}

/** Each account's path ("Root/Prod/Web") and, for `ou`, the ids in its subtree. */
function pathsOf(tree: OrgTree): Map<string, string> {
  const unitPath = new Map(tree.units.map((u) => [u.id, u.path]));
  const paths = new Map<string, string>();
  for (const [unit, ids] of Object.entries(tree.accounts)) for (const id of ids) paths.set(id, unitPath.get(unit) ?? unit);
  return paths;
}

function subtreeAccounts(tree: OrgTree, ou: string): Set<string> {
  const found = new Set<string>();
  const visit = (id: string): void => {
    (tree.accounts[id] ?? []).forEach((a) => found.add(a));
    (tree.children[id] ?? []).forEach(visit);
  };
  visit(ou);
  return found;
}

async function read<T>(what: Promise<T>, doing: string): Promise<T> {
  try {
    return await what;
  } catch (error) {
    const info = describeError(error);
    throw new UsageError(
      `cannot ${doing} (${info.action ?? 'organizations'}: ${info.code}: ${info.message.split('\n')[0]}); run from the management account or a delegated administrator, or name the accounts with --accounts`,
    );
  }
}

export async function resolveTargets(cache: LoaderCache, req: TargetRequest): Promise<AccountTarget[]> {
  validateTargetRequest(req);
  if (!req.organization && !req.ou) {
    // An explicit list needs no access to the organization (a shard from `org plan`, a CI matrix).
    return [...new Set(req.accounts ?? [])].map((id) => ({ id, name: '' }));
  }
  const [listed, tree] = await Promise.all([
    read(cache.load(organizationAccounts), 'list the organization’s accounts'),
    read(cache.load(organizationTree), 'read the organization’s OU tree'),
  ]);
  const paths = pathsOf(tree);
  const active = listed.filter((a) => a.state === 'ACTIVE');
  let chosen = active;
  if (req.ou) {
    if (!tree.units.some((u) => u.id === req.ou)) throw new UsageError(`--ou ${req.ou} is not an OU or root of this organization`);
    const under = subtreeAccounts(tree, req.ou);
    chosen = chosen.filter((a) => under.has(a.id));
  }
  if (req.accounts?.length) {
    const byId = new Map(listed.map((a) => [a.id, a]));
    for (const id of req.accounts) {
      const a = byId.get(id);
      if (!a) throw new UsageError(`--accounts: ${id} is not an account of this organization`);
      if (a.state !== 'ACTIVE') throw new UsageError(`--accounts: ${id} is ${a.state}, not ACTIVE; it cannot be scanned`);
    }
    const wanted = new Set(req.accounts);
    chosen = chosen.filter((a) => wanted.has(a.id));
  }
  if (chosen.length === 0) throw new UsageError(`no ACTIVE account matches${req.ou ? ` under ${req.ou}` : ''}; nothing to scan`);
  return chosen.map((a) => ({ id: a.id, name: a.name, ...(paths.has(a.id) ? { ouPath: paths.get(a.id) } : {}) }));
}

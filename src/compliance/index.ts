/** The control lists of the frameworks checks map to, by the keys check metadata uses. */
import type { Framework } from '../engine/types.js';
import { AWS_FSBP } from './aws-fsbp.js';
import { CIS_AWS_3_0 } from './cis-aws-3.0.js';
import { CIS_AWS_5_0 } from './cis-aws-5.0.js';
import type { FrameworkDef } from './types.js';

export type { ControlDef, FrameworkDef } from './types.js';

export const FRAMEWORK_DEFS: Record<Framework, FrameworkDef> = {
  'cis-aws-3.0': CIS_AWS_3_0,
  'cis-aws-5.0': CIS_AWS_5_0,
  'aws-fsbp': AWS_FSBP,
};

/** Sorts control ids the way the frameworks number them: 1.2 < 1.10, EC2.9 < EC2.10. */
export function compareControlIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

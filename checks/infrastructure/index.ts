import type { AnyCheck } from '../../src/engine/check.js';
import ec2SgAdminPortsOpen from './ec2-sg-admin-ports-open.js';

export const infrastructureChecks: AnyCheck[] = [ec2SgAdminPortsOpen];

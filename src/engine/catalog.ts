/** The explicit list of every check: `list-checks`, `policy` and `scan` all read it. */
import { abstractedChecks } from '../../checks/abstracted/index.js';
import { serviceChecks } from '../../checks/abstracted/services/index.js';
import { monitoringChecks } from '../../checks/abstracted/monitoring/index.js';
import { containerChecks } from '../../checks/container/index.js';
import { identityChecks } from '../../checks/identity/index.js';
import { infrastructureChecks } from '../../checks/infrastructure/index.js';
import type { AnyCheck } from './check.js';

export const CATALOG: readonly AnyCheck[] = [
  ...identityChecks,
  ...infrastructureChecks,
  ...containerChecks,
  ...abstractedChecks,
  ...serviceChecks,
  ...monitoringChecks,
];

import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('iam-policy-changes');

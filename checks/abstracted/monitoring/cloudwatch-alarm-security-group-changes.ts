import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('security-group-changes');

import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('vpc-changes');

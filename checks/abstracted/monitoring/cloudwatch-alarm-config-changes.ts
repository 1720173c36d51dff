import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('config-changes');

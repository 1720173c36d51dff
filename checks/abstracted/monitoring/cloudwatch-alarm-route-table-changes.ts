import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('route-table-changes');

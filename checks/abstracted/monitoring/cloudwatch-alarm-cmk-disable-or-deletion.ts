import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('cmk-disable-or-deletion');

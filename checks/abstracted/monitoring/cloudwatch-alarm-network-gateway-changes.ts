import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('network-gateway-changes');

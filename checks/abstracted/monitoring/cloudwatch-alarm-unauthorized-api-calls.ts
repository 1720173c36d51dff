import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('unauthorized-api-calls');

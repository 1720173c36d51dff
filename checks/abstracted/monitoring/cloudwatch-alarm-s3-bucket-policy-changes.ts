import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('s3-bucket-policy-changes');

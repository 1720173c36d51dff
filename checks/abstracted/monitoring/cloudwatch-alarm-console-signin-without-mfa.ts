import { monitoringCheck } from './monitoring-chain.js';

export default monitoringCheck('console-signin-without-mfa');

/** The metadata of a check made up for an engine test (what the engine needs besides id, loaders and run). */
export const TEST_META = {
  title: 't',
  risk: 'r',
  category: 'infrastructure',
  responsibility: 'network-firewall',
  service: 'ec2',
  scope: 'regional',
  severity: 'high',
  compliance: {},
  remediation: 'fix',
} as const;

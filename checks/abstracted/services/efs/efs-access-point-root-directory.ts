import { accessPoints } from '../../../../src/aws/loaders/efs.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { accessPointResource, fail, judgeEach, pass } from '../common.js';

export default defineCheck({
  id: 'efs-access-point-root-directory',
  title: 'EFS access points enforce a root directory',
  risk: 'An access point rooted at "/" lets every client that mounts through it reach the whole file system, not only its own directory.',
  category: 'abstracted',
  responsibility: 'identity-and-access',
  service: 'efs',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['EFS.3'] },
  remediation:
    'Create a replacement access point whose RootDirectory Path is the application’s own directory, move clients to it and delete this one.',
  loaders: { accessPoints },
  async run({ region, load, result }) {
    await judgeEach(result, await load.accessPoints(region), accessPointResource, (ap) => {
      // DescribeAccessPoints reports "/" when no root directory was set.
      const path = ap.RootDirectory?.Path ?? '/';
      return path === '/'
        ? fail('The access point does not enforce a root directory: clients see the whole file system.')
        : pass(`The access point enforces the root directory ${path}.`);
    });
  },
});

import { accessPoints } from '../../../../src/aws/loaders/efs.js';
import { defineCheck } from '../../../../src/engine/check.js';
import { accessPointResource, fail, judgeEach, pass } from '../common.js';

export default defineCheck({
  id: 'efs-access-point-user-identity',
  title: 'EFS access points enforce a POSIX user identity',
  risk: 'Without an enforced user, each client acts with whatever uid and gid it claims, root included.',
  category: 'abstracted',
  responsibility: 'identity-and-access',
  service: 'efs',
  scope: 'regional',
  severity: 'medium',
  compliance: { 'aws-fsbp': ['EFS.4'] },
  remediation: 'Create a replacement access point with a PosixUser (Uid, Gid), move clients to it and delete this one.',
  loaders: { accessPoints },
  async run({ region, load, result }) {
    await judgeEach(result, await load.accessPoints(region), accessPointResource, (ap) =>
      ap.PosixUser && ap.PosixUser.Uid !== undefined && ap.PosixUser.Gid !== undefined
        ? pass(`The access point enforces uid ${ap.PosixUser.Uid}, gid ${ap.PosixUser.Gid}.`)
        : fail('The access point does not enforce a user identity: clients act as whatever user they claim.'),
    );
  },
});

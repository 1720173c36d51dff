import { documentShares, ownedDocuments } from '../../src/aws/loaders/ssm.js';
import { arn, defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'ssm-document-not-public',
  title: 'SSM documents owned by the account are not public',
  risk: 'A public document shows every AWS account its commands, parameters and often internal names, paths and endpoints.',
  category: 'infrastructure',
  responsibility: 'public-access',
  service: 'ssm',
  scope: 'regional',
  severity: 'critical',
  compliance: { 'aws-fsbp': ['SSM.4'] },
  remediation:
    'Stop sharing the document publicly (ModifyDocumentPermission removing "all"), share it with named accounts only, and block public sharing (SSM.7).',
  loaders: { ownedDocuments, documentShares },
  async run({ region, accountId, partition, load, result }) {
    for (const doc of await load.ownedDocuments(region)) {
      const name = doc.Name ?? 'unknown';
      const resource = { id: name, type: 'AWS::SSM::Document', arn: arn(partition, 'ssm', region, accountId, `document/${name}`) };
      try {
        const shares = await load.documentShares(region, name);
        if (shares.includes('all')) result.fail(resource, 'Shared publicly: every AWS account can read and run it.');
        else result.pass(resource, shares.length ? `Not public; shared with ${shares.length} named account(s).` : 'Not shared.');
      } catch (error) {
        result.error(resource, error);
      }
    }
  },
});

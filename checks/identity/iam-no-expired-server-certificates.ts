import { dayCount, daysBetween, isoDay } from '../../src/analysis/credential-report.js';
import { serverCertificates } from '../../src/aws/loaders/iam.js';
import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'iam-no-expired-server-certificates',
  title: 'No expired SSL/TLS certificates are stored in IAM',
  risk: 'An expired certificate deployed by mistake to a load balancer or CloudFront breaks TLS for your users.',
  category: 'identity',
  responsibility: 'encryption-in-transit',
  service: 'iam',
  scope: 'global',
  severity: 'medium',
  compliance: { 'cis-aws-3.0': ['1.19'], 'cis-aws-5.0': ['1.18'], 'aws-fsbp': ['IAM.26'] },
  remediation:
    'Delete the expired certificate: aws iam delete-server-certificate --server-certificate-name <name> (after checking nothing uses it).',
  loaders: { serverCertificates },
  async run({ load, result, now }) {
    for (const cert of await load.serverCertificates()) {
      const resource = {
        id: cert.ServerCertificateName ?? cert.ServerCertificateId ?? 'unknown',
        type: 'AWS::IAM::ServerCertificate',
        arn: cert.Arn,
      };
      if (!(cert.Expiration instanceof Date) || Number.isNaN(cert.Expiration.getTime()))
        result.error(resource, new Error('iam:ListServerCertificates did not give a readable Expiration for the certificate'));
      else if (cert.Expiration.getTime() <= now.getTime())
        result.fail(resource, `Expired on ${isoDay(cert.Expiration)}, ${dayCount(daysBetween(cert.Expiration, now))} ago.`);
      else result.pass(resource, `Valid until ${isoDay(cert.Expiration)}.`);
    }
  },
});

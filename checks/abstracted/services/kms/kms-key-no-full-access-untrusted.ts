import { analyseResourcePolicy, describeAccess } from '../../../../src/analysis/resource-policy.js';
import { parsePolicy } from '../../../../src/analysis/s3-policy.js';
import { describeZone } from '../../../trust-zone.js';
import { fail, pass } from '../common.js';
import { kmsPolicies, policyCheck, statementsOf } from '../policy.js';

/** Allow statements whose Action is every KMS action: "*", "kms:*" (any case), or a NotAction. */
function fullAccessStatements(policy: string): Set<string> {
  return new Set(
    parsePolicy(policy)
      .filter((s) => s.effect === 'Allow' && (s.notAction || s.actions.some((a) => a === '*' || a.toLowerCase() === 'kms:*')))
      .map((s) => s.sid ?? `#${s.index + 1}`),
  );
}

export default policyCheck(
  kmsPolicies,
  {
    id: 'kms-key-no-full-access-untrusted',
    title: 'No KMS key policy grants kms:* to an account outside the zone of trust',
    risk: 'kms:* lets the other account use the key, change its policy, disable it or schedule its deletion: it controls your data’s key.',
    responsibility: 'key-management',
    severity: 'high',
    compliance: {},
    remediation:
      'Replace kms:* for the external account with the cryptographic actions it needs (kms:Decrypt, kms:GenerateDataKey, …), or a grant; never key administration.',
  },
  async (target, zone, ctx) => {
    // Every KMS key has exactly one key policy.
    const [doc] = await target.policies();
    const full = fullAccessStatements(doc!.text);
    // The evaluator decides who is outside the zone (Deny, conditions, service principals included);
    // this check keeps the external grants made by a kms:* statement.
    const grants = analyseResourcePolicy(doc!.text, 'kms', target.arn, zone, {
      internetPrefix: ctx.options.internetPrefix,
    }).external.filter((a) => full.has(a.statement));
    if (!grants.length) return pass(`No statement grants kms:* outside the ${describeZone(zone)}.`);
    return {
      ...fail(`kms:* outside the zone of trust: ${grants.map(describeAccess).join('; ')}.`),
      options: {
        evidence: {
          statements: statementsOf(
            doc!.text,
            grants.map((a) => a.statement),
          ),
          accesses: grants,
        },
      },
    };
  },
);

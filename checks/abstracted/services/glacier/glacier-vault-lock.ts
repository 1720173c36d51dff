import { vaultLock, vaults } from '../../../../src/aws/loaders/glacier.js';
import { defineCheck, scopeResource } from '../../../../src/engine/check.js';
import { fail, judgeEach, pass, vaultResource } from '../common.js';

export default defineCheck({
  id: 'glacier-vault-lock',
  title: 'Glacier vaults have a locked vault lock policy (where the glacierRequireVaultLock option asks for it)',
  risk: 'Without a locked vault lock, archives kept for compliance can be deleted by anyone whose IAM permissions allow it, including a compromised administrator.',
  category: 'abstracted',
  responsibility: 'backup',
  service: 'glacier',
  scope: 'regional',
  severity: 'medium',
  compliance: {},
  remediation:
    'Initiate a vault lock with a policy that denies deletion before the retention period, test it, then complete the lock within 24 hours.',
  loaders: { vaults, vaultLock },
  async run({ region, accountId, partition, load, result, options }) {
    if (!options.glacierRequireVaultLock) {
      result.notApplicable(
        scopeResource(region, accountId, partition),
        'Vault locks are not required (set the glacierRequireVaultLock option to require them).',
      );
      return;
    }
    await judgeEach(result, await load.vaults(region), vaultResource, async (v) => {
      const lock = await load.vaultLock(region, v.VaultName!);
      if (!lock) return fail('The vault has no vault lock policy.');
      // InProgress: initiated but not completed; it expires after 24 hours and can be aborted.
      if (lock.state !== 'Locked') return fail(`The vault lock is ${lock.state}, not Locked: it can still be aborted.`);
      return pass('The vault lock policy is Locked.');
    });
  },
});

/** The KMS keys of a region as findings are about them. */
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { Resource } from '../../../src/engine/types.js';

export function keyResource(key: KeyMetadata): Resource {
  return { id: key.KeyId!, type: 'AWS::KMS::Key', arn: key.Arn };
}

/**
 * Why a key is outside "rotation of customer-managed symmetric keys" (CIS 3.6, KMS.4), or
 * undefined when it is in scope. Each reason is the one the AWS KMS guide gives for rotation
 * not applying: AWS rotates its own keys; only symmetric keys with key material KMS made
 * rotate automatically; a key pending deletion or disabled is not in use.
 */
export function outOfRotationScope(key: KeyMetadata): string | undefined {
  if (key.KeyManager !== 'CUSTOMER') return 'an AWS managed key: AWS rotates it every year';
  if (key.KeySpec !== 'SYMMETRIC_DEFAULT')
    return `a ${key.KeySpec ?? 'non-symmetric'} key: automatic rotation applies to symmetric encryption keys only`;
  if (key.Origin === 'EXTERNAL')
    return 'a key with imported key material: KMS cannot rotate material it did not create (rotate it by hand)';
  if (key.Origin === 'AWS_CLOUDHSM' || key.Origin === 'EXTERNAL_KEY_STORE')
    return `a key in a custom key store (${key.Origin}): automatic rotation is not supported`;
  if (key.KeyState === 'PendingDeletion' || key.KeyState === 'PendingReplicaDeletion') return 'a key pending deletion';
  if (key.KeyState !== 'Enabled') return `a key in state ${key.KeyState ?? 'unknown'}, not enabled`;
  return undefined;
}

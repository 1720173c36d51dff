/**
 * The S3 and S3 Control stubs the S3 check tests share, with the answers of an account where
 * nothing is configured: account Block Public Access all off, and for every bucket no BPA, no
 * policy, no ownership controls and an ACL without grants. Tests override what they judge.
 */
import {
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError } from './check-tester.js';

export const s3 = mockClient(S3Client);
export const s3control = mockClient(S3ControlClient);

export const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
export const ALL_OFF = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

export { doc } from './s3-policies.js';

/** ListBuckets answering these buckets, each with its region (us-east-1 unless given). */
export function listBuckets(...buckets: Array<string | [string, string]>): void {
  s3.on(ListBucketsCommand).resolves({
    Buckets: buckets.map((b) => (typeof b === 'string' ? { Name: b, BucketRegion: 'us-east-1' } : { Name: b[0], BucketRegion: b[1] })),
  });
}

/** Resets both stubs to an account where nothing is configured. */
export function nothingConfigured(): void {
  s3.reset();
  s3control.reset();
  s3control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: ALL_OFF });
  s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'none', 404));
  s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 'none', 404));
  s3.on(GetBucketPolicyStatusCommand).resolves({});
  s3.on(GetBucketOwnershipControlsCommand).rejects(awsError('OwnershipControlsNotFoundError', 'none', 404));
  s3.on(GetBucketAclCommand).resolves({ Grants: [] });
}

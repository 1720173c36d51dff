/** Bucket-policy documents and statements the S3 tests build again and again (pure: no stubs). */

/** A policy document from its statements. */
export const doc = (...Statement: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement });

/** The TLS-only statement S3.5 asks for: deny everyone everything on the bucket and its objects over plain HTTP. */
export const tlsDeny = (bucket: string, extra: object = {}): object => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...extra,
});

/** A Deny for everyone ("Closer") of `Action` on `Resource`. */
export const denyEveryone = (Action: unknown, Resource: unknown, extra: object = {}): object => ({
  Sid: 'Closer',
  Effect: 'Deny',
  Principal: '*',
  Action,
  Resource,
  ...extra,
});

/**
 * The stack that holds the managed artifact bucket, one per account and region (as
 * `sam deploy --resolve-s3` keeps one).
 *
 * @example
 * ```ts
 * await describeStack(cfn, MANAGED_BUCKET_STACK);
 * ```
 */
export const MANAGED_BUCKET_STACK = 'wsapp-managed-artifacts';

/** The output of {@link MANAGED_BUCKET_STACK} that names its bucket. */
export const MANAGED_BUCKET_OUTPUT = 'ArtifactBucket';

/**
 * The template of {@link MANAGED_BUCKET_STACK}: an S3 bucket encrypted at rest, with public
 * access blocked, ACLs disabled, versioning on, kept when the stack goes (`Retain`), and a
 * bucket policy that refuses any request not made over TLS.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(managedBucketTemplate());
 * ```
 */
export function managedBucketTemplate(): Record<string, unknown> {
  const bucketArn = { 'Fn::GetAtt': ['ArtifactBucket', 'Arn'] };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'wsapp: the S3 bucket wsapp deploy uploads deployment packages to, one per account and region',
    Resources: {
      ArtifactBucket: {
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
          VersioningConfiguration: { Status: 'Enabled' },
          Tags: [{ Key: 'ManagedStackSource', Value: 'wsapp' }],
        },
      },
      ArtifactBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'ArtifactBucket' },
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'DenyRequestsWithoutTls',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [bucketArn, { 'Fn::Join': ['', [bucketArn, '/*']] }],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
    },
    Outputs: { [MANAGED_BUCKET_OUTPUT]: { Value: { Ref: 'ArtifactBucket' } } },
  };
}

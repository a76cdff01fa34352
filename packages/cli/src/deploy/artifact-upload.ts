import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from '../aws/aws-clients';
import { AwsActionError, attempt } from '../aws/aws-errors';

/**
 * The largest template CloudFormation takes inline (`TemplateBody`); a larger one is uploaded
 * and passed by `TemplateURL`.
 *
 * @example
 * ```ts
 * if (Buffer.byteLength(text) > TEMPLATE_BODY_LIMIT) await uploadArtifact(...);
 * ```
 */
export const TEMPLATE_BODY_LIMIT = 51_200;

/**
 * An object in the artifact bucket, under a key named for its content.
 *
 * @example
 * ```ts
 * const artifact: UploadedArtifact = { bucket: 'b', key: 'chat/ab12.zip', uploaded: false };
 * ```
 */
export interface UploadedArtifact {
  bucket: string;
  key: string;
  /** False when an object with that key (so that content) was there already. */
  uploaded: boolean;
}

/**
 * The content-addressed key of an artifact: `{app}/{sha256}{suffix}`.
 *
 * @example
 * ```ts
 * artifactKey('chat', zip, '.zip'); // 'chat/3f2a…e9.zip'
 * ```
 */
export function artifactKey(appName: string, data: Uint8Array, suffix: string): string {
  return `${appName}/${createHash('sha256').update(data).digest('hex')}${suffix}`;
}

async function exists(clients: AwsClients, bucket: string, key: string): Promise<boolean> {
  try {
    await attempt('s3:GetObject', () => clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })));
    return true;
  } catch (error) {
    // Without s3:ListBucket, S3 answers 403 rather than 404 for a missing object: upload then, PutObject decides.
    if (error instanceof AwsActionError && ['NotFound', 'NoSuchKey', 'Forbidden', 'AccessDenied'].includes(error.code)) return false;
    throw error;
  }
}

/**
 * Uploads `data` under its content-addressed key unless that object exists already.
 *
 * @example
 * ```ts
 * const zip = await uploadArtifact(clients, 'my-bucket', 'chat', bytes, '.zip');
 * ```
 */
export async function uploadArtifact(
  clients: AwsClients,
  bucket: string,
  appName: string,
  data: Uint8Array,
  suffix: string,
  contentType = 'application/zip',
): Promise<UploadedArtifact> {
  const key = artifactKey(appName, data, suffix);
  if (await exists(clients, bucket, key)) return { bucket, key, uploaded: false };
  await attempt('s3:PutObject', () =>
    clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: data, ContentType: contentType })),
  );
  return { bucket, key, uploaded: true };
}

/**
 * The HTTPS URL CloudFormation reads an uploaded template from: the overridden S3 endpoint's
 * path-style URL when there is one (LocalStack, a stand-in), else the bucket's regional
 * virtual-hosted URL.
 *
 * @example
 * ```ts
 * objectUrl({ bucket: 'b', key: 'k', uploaded: true }, 'eu-west-1'); // 'https://b.s3.eu-west-1.amazonaws.com/k'
 * ```
 */
export function objectUrl(artifact: UploadedArtifact, region: string, s3Endpoint?: string): string {
  const key = artifact.key.split('/').map(encodeURIComponent).join('/');
  if (s3Endpoint !== undefined) return `${s3Endpoint.replace(/\/+$/, '')}/${artifact.bucket}/${key}`;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://${artifact.bucket}.s3.${region}.${suffix}/${key}`;
}

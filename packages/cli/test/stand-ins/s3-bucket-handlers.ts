import type { StandInHttpRequest, StandInHttpResponse } from './loopback-server';
import { standInPageForward } from './paging';
import type { S3StandInRoute } from './s3-routes';
import { createS3StandInBucket, type S3StandInBucket, type S3StandInStore } from './s3-store';
import { bucketLocationXml, listObjectsV2Xml, s3ErrorAnswer, s3XmlAnswer } from './s3-xml';

/** A handler of one S3 operation. */
export type S3StandInHandler = (store: S3StandInStore, route: S3StandInRoute, request: StandInHttpRequest) => StandInHttpResponse;

/** The route's bucket, or the NoSuchBucket answer. */
export function s3StandInBucket(store: S3StandInStore, route: S3StandInRoute): S3StandInBucket | StandInHttpResponse {
  const bucket = store.buckets.get(route.bucket);
  return bucket ?? s3ErrorAnswer(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: route.bucket });
}

const headBucket: S3StandInHandler = (store, route) => {
  const bucket = s3StandInBucket(store, route);
  if ('status' in bucket) return bucket;
  return { status: 200, headers: { 'x-amz-bucket-region': bucket.region } };
};

const createBucket: S3StandInHandler = (store, route, request) => {
  if (store.buckets.has(route.bucket)) {
    const message = 'Your previous request to create the named bucket succeeded and you already own it.';
    return s3ErrorAnswer(409, 'BucketAlreadyOwnedByYou', message, { BucketName: route.bucket });
  }
  const constraint = /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(request.body.toString('utf8'))?.[1];
  const signed = request.region ?? 'us-east-1';
  if (constraint === undefined && signed !== 'us-east-1') {
    const message = 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.';
    return s3ErrorAnswer(400, 'IllegalLocationConstraintException', message);
  }
  if (constraint !== undefined && constraint !== signed) {
    const message = `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`;
    return s3ErrorAnswer(400, 'IllegalLocationConstraintException', message);
  }
  createS3StandInBucket(store, route.bucket, constraint ?? 'us-east-1');
  return { status: 200, headers: { location: `/${route.bucket}` } };
};

const getBucketLocation: S3StandInHandler = (store, route) => {
  const bucket = s3StandInBucket(store, route);
  return 'status' in bucket ? bucket : s3XmlAnswer(200, bucketLocationXml(bucket.region));
};

const listObjectsV2: S3StandInHandler = (store, route, request) => {
  const bucket = s3StandInBucket(store, route);
  if ('status' in bucket) return bucket;
  const prefix = request.query.get('prefix') ?? '';
  const startAfter = request.query.get('start-after') ?? '';
  const maxKeys = Number(request.query.get('max-keys') ?? 1000);
  const keys = [...bucket.objects.keys()].filter((key) => key.startsWith(prefix) && key > startAfter).sort();
  const continuationToken = request.query.get('continuation-token') ?? undefined;
  const page = standInPageForward(keys, continuationToken, maxKeys);
  const listings = page.items.map((key) => {
    const object = bucket.objects.get(key);
    return { key, lastModified: object?.lastModified ?? new Date(), etag: object?.etag ?? '', size: object?.body.length ?? 0 };
  });
  const query = { prefix, maxKeys, continuationToken, nextContinuationToken: page.nextToken };
  return s3XmlAnswer(200, listObjectsV2Xml(route.bucket, query, listings));
};

/** HeadBucket, CreateBucket (checking the LocationConstraint against the signing region, as S3 does), GetBucketLocation and ListObjectsV2. */
export const S3_BUCKET_HANDLERS: Readonly<Record<string, S3StandInHandler>> = {
  HeadBucket: headBucket,
  CreateBucket: createBucket,
  GetBucketLocation: getBucketLocation,
  ListObjectsV2: listObjectsV2,
};

import { isAwsChunkedBody, decodeAwsChunkedBody } from './s3-aws-chunked';
import { s3StandInBucket, type S3StandInHandler } from './s3-bucket-handlers';
import { putS3StandInObject, type S3StandInObject } from './s3-store';
import { s3ErrorAnswer } from './s3-xml';
import type { StandInHttpResponse } from './loopback-server';
import type { S3StandInRoute } from './s3-routes';
import type { S3StandInStore } from './s3-store';

function objectHeaders(object: S3StandInObject): Record<string, string> {
  return {
    etag: `"${object.etag}"`,
    'content-type': object.contentType,
    'content-length': String(object.body.length),
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
  };
}

function storedObject(store: S3StandInStore, route: S3StandInRoute): S3StandInObject | StandInHttpResponse {
  const bucket = s3StandInBucket(store, route);
  if ('status' in bucket) return bucket;
  const object = bucket.objects.get(route.key ?? '');
  return object ?? s3ErrorAnswer(404, 'NoSuchKey', 'The specified key does not exist.', { Key: route.key ?? '' });
}

const putObject: S3StandInHandler = (store, route, request) => {
  const bucket = s3StandInBucket(store, route);
  if ('status' in bucket) return bucket;
  let body = request.body;
  if (isAwsChunkedBody(request.headers)) {
    try {
      body = decodeAwsChunkedBody(request.body);
    } catch (error) {
      return s3ErrorAnswer(400, 'IncompleteBody', error instanceof Error ? error.message : String(error));
    }
    const declared = request.headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== body.length) {
      return s3ErrorAnswer(400, 'IncompleteBody', `x-amz-decoded-content-length is ${declared}, the decoded body has ${body.length} bytes`);
    }
  }
  const contentType = request.headers['content-type'] ?? 'application/octet-stream';
  const object = putS3StandInObject(store, bucket, { bucket: route.bucket, key: route.key ?? '' }, body, contentType);
  return { status: 200, headers: { etag: `"${object.etag}"` } };
};

const headObject: S3StandInHandler = (store, route) => {
  const object = storedObject(store, route);
  return 'status' in object ? object : { status: 200, headers: objectHeaders(object) };
};

const getObject: S3StandInHandler = (store, route) => {
  const object = storedObject(store, route);
  return 'status' in object ? object : { status: 200, headers: objectHeaders(object), body: object.body };
};

const deleteObject: S3StandInHandler = (store, route) => {
  const bucket = s3StandInBucket(store, route);
  if ('status' in bucket) return bucket;
  bucket.objects.delete(route.key ?? '');
  return { status: 204 };
};

/** PutObject (plain or `aws-chunked`; checksum headers and Content-MD5 are accepted and ignored), HeadObject, GetObject and DeleteObject. */
export const S3_OBJECT_HANDLERS: Readonly<Record<string, S3StandInHandler>> = {
  PutObject: putObject,
  HeadObject: headObject,
  GetObject: getObject,
  DeleteObject: deleteObject,
};

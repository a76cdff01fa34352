import { startStandInServer, type StandInHttpRequest, type StandInHttpResponse } from './loopback-server';
import { recordStandInRequest, type StandInRequest } from './request-log';
import { S3_BUCKET_HANDLERS } from './s3-bucket-handlers';
import { S3_OBJECT_HANDLERS } from './s3-object-handlers';
import { s3StandInRoute } from './s3-routes';
import { createS3StandInBucket, newS3StandInStore, type S3StandInStore } from './s3-store';
import { s3ErrorAnswer } from './s3-xml';

/** The S3 stand-in: REST-XML, path-style addressing only, on 127.0.0.1. */
export interface S3StandIn {
  /** `http://127.0.0.1:PORT`; clients need `forcePathStyle: true`. */
  endpoint: string;
  /** Creates a bucket (in `us-east-1` unless told) unless it exists; an existing one is left as it is. */
  createBucket(name: string, region?: string): void;
  /** A copy of an object's bytes, or undefined. */
  object(bucket: string, key: string): Buffer | undefined;
  /** The keys of a bucket, sorted (empty for a missing bucket). */
  objects(bucket: string): string[];
  /** Every PutObject, in order (the live list). */
  puts: Array<{ bucket: string; key: string }>;
}

const HANDLERS = { ...S3_BUCKET_HANDLERS, ...S3_OBJECT_HANDLERS };

/** Answers one S3 request; anything but path-style addressing of 127.0.0.1 is refused with a message saying so. */
export function answerS3Request(store: S3StandInStore, request: StandInHttpRequest, log: StandInRequest[]): StandInHttpResponse {
  const route = s3StandInRoute(request);
  recordStandInRequest(log, 's3', route.action, request);
  if (request.host !== '127.0.0.1') {
    const message = `The S3 stand-in serves path-style requests to 127.0.0.1 only (forcePathStyle: true), not Host ${request.hostHeader}`;
    return s3ErrorAnswer(400, 'InvalidRequest', message);
  }
  const handler = HANDLERS[route.action];
  if (handler === undefined) {
    return s3ErrorAnswer(501, 'NotImplemented', `The S3 stand-in does not implement ${request.method} ${request.path}?${request.query.toString()}`);
  }
  return handler(store, route, request);
}

/** Starts the S3 stand-in, recording requests in `log`. */
export async function startS3StandIn(log: StandInRequest[]): Promise<S3StandIn & { close(): Promise<void> }> {
  const store = newS3StandInStore();
  const server = await startStandInServer((request) => answerS3Request(store, request, log));
  return {
    endpoint: server.endpoint,
    close: server.close,
    createBucket: (name, region = 'us-east-1') => createS3StandInBucket(store, name, region),
    object: (bucket, key) => {
      const body = store.buckets.get(bucket)?.objects.get(key)?.body;
      return body && Buffer.from(body);
    },
    objects: (bucket) => [...(store.buckets.get(bucket)?.objects.keys() ?? [])].sort(),
    puts: store.puts,
  };
}

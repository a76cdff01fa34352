import { createHash } from 'node:crypto';

/** One stored object. */
export interface S3StandInObject {
  body: Buffer;
  /** The hex MD5 of the body, as S3 gives for a single-part upload (without quotes). */
  etag: string;
  lastModified: Date;
  contentType: string;
}

/** One bucket: its region and its objects by key. */
export interface S3StandInBucket {
  region: string;
  objects: Map<string, S3StandInObject>;
}

/** Everything the S3 stand-in holds. */
export interface S3StandInStore {
  buckets: Map<string, S3StandInBucket>;
  /** Every PutObject, in order. */
  puts: Array<{ bucket: string; key: string }>;
}

/** An empty store. */
export function newS3StandInStore(): S3StandInStore {
  return { buckets: new Map(), puts: [] };
}

/** Creates a bucket in `region` unless it exists (an existing bucket keeps its region and objects). */
export function createS3StandInBucket(store: S3StandInStore, name: string, region: string): void {
  if (!store.buckets.has(name)) store.buckets.set(name, { region, objects: new Map() });
}

/** Stores an object in an existing bucket and records the put. */
export function putS3StandInObject(
  store: S3StandInStore,
  bucket: S3StandInBucket,
  names: { bucket: string; key: string },
  body: Buffer,
  contentType: string,
): S3StandInObject {
  const object: S3StandInObject = { body, etag: createHash('md5').update(body).digest('hex'), lastModified: new Date(), contentType };
  bucket.objects.set(names.key, object);
  store.puts.push({ ...names });
  return object;
}

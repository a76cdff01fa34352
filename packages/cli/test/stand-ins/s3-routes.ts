import type { StandInHttpRequest } from './loopback-server';

/** What a path-style S3 request asks for. */
export interface S3StandInRoute {
  /** `HeadBucket`, `CreateBucket`, `GetBucketLocation`, `ListObjectsV2`, `PutObject`, `HeadObject`, `GetObject`, `DeleteObject`, or `Unknown`. */
  action: string;
  bucket: string;
  /** URL-decoded; may contain `/`. Undefined for a bucket request. */
  key?: string;
}

function bucketAction(method: string, query: URLSearchParams): string {
  if (method === 'HEAD') return 'HeadBucket';
  if (method === 'PUT' && [...query.keys()].length === 0) return 'CreateBucket';
  if (method === 'GET' && query.has('location')) return 'GetBucketLocation';
  if (method === 'GET' && query.get('list-type') === '2') return 'ListObjectsV2';
  return 'Unknown';
}

function objectAction(method: string, query: URLSearchParams): string {
  const plain = [...query.keys()].every((name) => name === 'x-id');
  if (!plain) return 'Unknown';
  const actions: Record<string, string> = { PUT: 'PutObject', HEAD: 'HeadObject', GET: 'GetObject', DELETE: 'DeleteObject' };
  return actions[method] ?? 'Unknown';
}

/** Reads `/BUCKET` or `/BUCKET/KEY…` (path style) and the operation the method and query name. */
export function s3StandInRoute(request: StandInHttpRequest): S3StandInRoute {
  const path = request.path.replace(/^\//, '');
  const slash = path.indexOf('/');
  const bucket = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
  const key = slash < 0 || slash === path.length - 1 ? undefined : decodeURIComponent(path.slice(slash + 1));
  if (bucket === '') return { action: 'Unknown', bucket };
  if (key === undefined) return { action: bucketAction(request.method, request.query), bucket };
  return { action: objectAction(request.method, request.query), bucket, key };
}

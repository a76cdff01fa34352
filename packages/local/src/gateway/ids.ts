import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 11 * 512;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

/** Random bytes from a pool refilled in bulk: one system call per 512 ids instead of one per id. */
function randomSlice(length: number): Buffer {
  if (offset + length > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  offset += length;
  return pool.subarray(offset - length, offset);
}

/**
 * Makes ids in API Gateway's format: 16 characters, URL-safe base64 of 11 random bytes with its
 * `=` padding (for example `BFHPhfCWIAMCKlQ=`). Used for connection, request and message ids.
 *
 * @example
 * ```ts
 * const id = newAwsStyleId(); // 'Qx3_bS0aIAMF-kw='
 * ```
 */
export function newAwsStyleId(): string {
  return `${randomSlice(11).toString('base64url')}=`;
}

/**
 * Makes a 10-character lowercase API id like API Gateway's (`fjnq7njcv2`).
 *
 * @example
 * ```ts
 * const apiId = newApiId(); // 'k2v9xq0a7d'
 * ```
 */
export function newApiId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomSlice(10)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * Makes an X-Ray trace header value in the shape API Gateway adds to `$connect` events:
 * `Root=1-{epoch seconds in hex}-{24 hex digits}`.
 *
 * @example
 * ```ts
 * newTraceId(Date.now()); // 'Root=1-6731ebfc-08e1e656421db73c5d2eef31'
 * ```
 */
export function newTraceId(nowMs: number): string {
  return `Root=1-${Math.floor(nowMs / 1000).toString(16).padStart(8, '0')}-${randomSlice(12).toString('hex')}`;
}

/**
 * A source of ids, replaceable in tests so that built events are deterministic.
 *
 * @example
 * ```ts
 * let n = 0;
 * const ids: IdGenerator = () => `test-id-${n++}`;
 * ```
 */
export type IdGenerator = () => string;

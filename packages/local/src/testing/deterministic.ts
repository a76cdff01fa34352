/**
 * A clock that starts at 2024-11-11T11:35:24Z and moves 1 ms per reading, so that event times
 * are the same on every run.
 *
 * @example
 * ```ts
 * const now = steppingClock();
 * now(); // 1731324924000
 * now(); // 1731324924001
 * ```
 */
export function steppingClock(start = 1731324924000): () => number {
  let next = start;
  return () => next++;
}

/**
 * Ids shaped like API Gateway's (16 characters, URL-safe base64 of 11 bytes) from a counter:
 * `AAAAAAAAAAAAAAE=`, `AAAAAAAAAAAAAAI=`, ...
 *
 * @example
 * ```ts
 * const ids = sequentialIds();
 * ids(); // 'AAAAAAAAAAAAAAE='
 * ```
 */
export function sequentialIds(): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    const bytes = Buffer.alloc(11);
    bytes.writeUInt32BE(counter, 7);
    return `${bytes.toString('base64url')}=`;
  };
}

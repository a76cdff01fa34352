/** One page of a list and the token of the next, if any. */
export interface StandInPage<T> {
  items: T[];
  nextToken?: string;
}

/** A NextToken the stand-in did not hand out; each stand-in answers it in its protocol's error shape. */
export class StandInInvalidTokenError extends Error {
  constructor(token: string) {
    super(`Invalid NextToken: ${token}`);
    this.name = 'StandInInvalidTokenError';
  }
}

const encode = (position: number): string => Buffer.from(`stand-in:${position}`).toString('base64');

function decode(token: string | undefined, fallback: number): number {
  if (token === undefined) return fallback;
  const match = /^stand-in:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!match?.[1]) throw new StandInInvalidTokenError(token);
  return Number(match[1]);
}

/** A page of `items` in their order; tokens are positions, so they stay valid as items are appended. */
export function standInPageForward<T>(items: readonly T[], token: string | undefined, size: number): StandInPage<T> {
  const start = decode(token, 0);
  const end = Math.min(items.length, start + size);
  const page: StandInPage<T> = { items: items.slice(start, end) };
  if (end < items.length) page.nextToken = encode(end);
  return page;
}

/** A page of `oldestFirst` newest first; tokens count from the oldest end, so they stay valid as newer items arrive. */
export function standInPageNewestFirst<T>(oldestFirst: readonly T[], token: string | undefined, size: number): StandInPage<T> {
  const end = decode(token, oldestFirst.length);
  const start = Math.max(0, end - size);
  const page: StandInPage<T> = { items: oldestFirst.slice(start, end).reverse() };
  if (start > 0) page.nextToken = encode(start);
  return page;
}

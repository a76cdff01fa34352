import { mergeTemplate } from '../src/merge';
import type { JsonObject } from '../src/template';

describe('mergeTemplate', () => {
  it.each<[string, JsonObject, JsonObject, JsonObject]>([
    ['merges objects key by key', { a: { b: 1, c: 2 } }, { a: { c: 3, d: 4 } }, { a: { b: 1, c: 3, d: 4 } }],
    ['merges nested objects recursively', { a: { b: { c: 1, d: 2 } } }, { a: { b: { d: 3 } } }, { a: { b: { c: 1, d: 3 } } }],
    ['takes a list whole instead of merging it', { a: [1, 2, 3] }, { a: [4] }, { a: [4] }],
    ['takes a list of objects whole', { a: [{ x: 1, y: 2 }] }, { a: [{ x: 3 }] }, { a: [{ x: 3 }] }],
    ['replaces a scalar', { a: 'x' }, { a: 'y' }, { a: 'y' }],
    ['sets null instead of removing the key', { a: { b: 1 } }, { a: null }, { a: null }],
    ['takes an object whole over a scalar', { a: 'x' }, { a: { b: 1 } }, { a: { b: 1 } }],
    ['takes a scalar whole over an object', { a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
    ['takes a list whole over an object', { a: { b: 1 } }, { a: [1] }, { a: [1] }],
    ['takes an object whole over a list', { a: [1] }, { a: { b: 1 } }, { a: { b: 1 } }],
    ['keeps keys only in the generated template', { a: 1, b: 2 }, { c: 3 }, { a: 1, b: 2, c: 3 }],
    ['merges an empty object as a no-op', { a: { b: 1 } }, { a: {} }, { a: { b: 1 } }],
    ['replaces false and 0 like any scalar', { a: true, b: 1 }, { a: false, b: 0 }, { a: false, b: 0 }],
  ])('%s', (_name, generated, extension, expected) => {
    const before = JSON.stringify(generated);

    expect(mergeTemplate(generated, extension)).toEqual(expected);
    expect(JSON.stringify(generated)).toBe(before);
  });

  it('keeps generated keys in place and appends new keys, like Chalice', () => {
    const merged = mergeTemplate({ a: 1, b: { x: 1 }, c: 3 }, { d: 4, b: { y: 2 } });

    expect(Object.keys(merged)).toEqual(['a', 'b', 'c', 'd']);
    expect(Object.keys(merged.b as JsonObject)).toEqual(['x', 'y']);
  });
});

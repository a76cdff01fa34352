import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeTemplate, parseTemplateText, readTemplateFile } from '../src/merge';
import type { JsonObject } from '../src/template';
import { temporaryFolder } from './helpers/temporary-folder';

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

describe('parseTemplateText', () => {
  it.each<[string, string, JsonObject]>([
    ['!Ref', 'v: !Ref Table', { v: { Ref: 'Table' } }],
    ['!GetAtt in dotted form', 'v: !GetAtt Table.StreamArn', { v: { 'Fn::GetAtt': ['Table', 'StreamArn'] } }],
    ['!GetAtt with a dotted attribute', 'v: !GetAtt Db.Endpoint.Address', { v: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] } }],
    ['!GetAtt in list form', 'v: !GetAtt [Table, Arn]', { v: { 'Fn::GetAtt': ['Table', 'Arn'] } }],
    ['!Sub as a string', "v: !Sub 'arn:${AWS::Partition}:x'", { v: { 'Fn::Sub': 'arn:${AWS::Partition}:x' } }],
    ['!Sub with variables', 'v: !Sub [\'${A}\', {A: !Ref B}]', { v: { 'Fn::Sub': ['${A}', { A: { Ref: 'B' } }] } }],
    ['!Join', "v: !Join ['/', [a, !Ref B]]", { v: { 'Fn::Join': ['/', ['a', { Ref: 'B' }]] } }],
    ['!If', 'v: !If [IsProd, 1, 2]', { v: { 'Fn::If': ['IsProd', 1, 2] } }],
    ['!Select and !GetAZs', "v: !Select [0, !GetAZs '']", { v: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } }],
    ['!Split', "v: !Split [',', 'a,b']", { v: { 'Fn::Split': [',', 'a,b'] } }],
    ['!FindInMap', 'v: !FindInMap [M, K, V]', { v: { 'Fn::FindInMap': ['M', 'K', 'V'] } }],
    ['!ImportValue', 'v: !ImportValue Shared', { v: { 'Fn::ImportValue': 'Shared' } }],
    ['!Base64 of a mapping', 'v: !Base64 {Ref: X}', { v: { 'Fn::Base64': { Ref: 'X' } } }],
    ['!Equals', 'v: !Equals [a, b]', { v: { 'Fn::Equals': ['a', 'b'] } }],
    ['!And, !Not and !Condition', 'v: !And [!Condition A, !Not [!Condition B]]', { v: { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Not': [{ Condition: 'B' }] }] } }],
    ['!Or', 'v: !Or [!Condition A, !Condition B]', { v: { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] } }],
    ['a quoted version string', "AWSTemplateFormatVersion: '2010-09-09'", { AWSTemplateFormatVersion: '2010-09-09' }],
  ])('turns YAML %s into its long form', (_name, text, expected) => {
    expect(parseTemplateText(text, 'extra.yaml')).toEqual(expected);
  });

  it.each([
    ['{"a": }', 'extra.json', 'Invalid JSON in extra.json at line 1, column 7'],
    ['{\n  "a": 1,\n  "b": [1,]\n}', 'extra.json', 'Invalid JSON in extra.json at line 3, column 11'],
    ['{"a": 1} trailing', 'extra.json', 'Invalid JSON in extra.json at line 1, column 10'],
    ['', 'extra.json', 'Invalid JSON in extra.json at line 1, column 1'],
    ['[1, 2]', 'extra.json', 'Template extra.json must contain an object at the top level, found a list'],
    ['"text"', 'extra.json', 'Template extra.json must contain an object at the top level, found a string'],
    ['a: [1, 2', 'extra.yaml', 'Invalid YAML in extra.yaml at line 1, column 9'],
    ['a: 1\n  b: 2', 'extra.yml', 'Invalid YAML in extra.yml at line 1, column 4: Nested mappings'],
    ['a: 1\na: 2', 'extra.yaml', 'Invalid YAML in extra.yaml at line 2, column 1: Map keys must be unique'],
    ['a: !Bogus x', 'extra.yaml', 'Invalid YAML in extra.yaml at line 1, column 4: Unresolved tag: !Bogus'],
    ['a: !GetAtt NoDot', 'extra.yaml', 'Invalid !GetAtt in extra.yaml at line 1: expected LogicalId.Attribute'],
    ['- 1', 'extra.yaml', 'Template extra.yaml must contain an object at the top level, found a list'],
    ['', 'extra.yaml', 'Template extra.yaml must contain an object at the top level, found nothing (null)'],
  ])('rejects %j in %s with an error that says where', (text, file, message) => {
    expect(() => parseTemplateText(text, file)).toThrow(message);
  });
});

describe('readTemplateFile', () => {
  const folder = temporaryFolder('merge');
  afterAll(() => folder.remove());

  it('reads JSON and YAML files by extension', () => {
    writeFileSync(join(folder.path, 'a.json'), '{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}');
    writeFileSync(join(folder.path, 'b.yml'), 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');

    expect(readTemplateFile(join(folder.path, 'a.json'))).toEqual({ Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    expect(readTemplateFile(join(folder.path, 'b.yml'))).toEqual({ Resources: { T: { Type: 'AWS::SNS::Topic' } } });
  });

  it('names a missing file with its resolved path, and a folder as not a file', () => {
    mkdirSync(join(folder.path, 'dir.json'));

    expect(() => readTemplateFile(join(folder.path, 'missing.json'), 'merge template')).toThrow(
      `Cannot find merge template: ${join(folder.path, 'missing.json')} (resolved to ${join(folder.path, 'missing.json')})`,
    );
    expect(() => readTemplateFile(join(folder.path, 'dir.json'), 'merge template')).toThrow('is a folder, not a file');
  });
});

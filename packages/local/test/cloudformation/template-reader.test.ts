import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonText, parseTemplateText, readTemplateFile, type JsonObject } from '@wsapp/local';

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

describe('parseJsonText', () => {
  it('names the file, line, column and what it expected, and keeps the JSON.parse error as the cause', () => {
    let thrown: unknown;
    try {
      parseJsonText('{\n  "a": 1\n  "b": 2\n}', 'config.json');
    } catch (error) {
      thrown = error;
    }

    expect((thrown as Error).message).toBe("Invalid JSON in config.json at line 3, column 3: expected ',' or '}', found '\"'");
    expect((thrown as Error).cause).toBeInstanceOf(SyntaxError);
  });
});

describe('readTemplateFile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'wsapp-template-reader-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads JSON and YAML files by extension', () => {
    writeFileSync(join(folder, 'a.json'), '{"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}');
    writeFileSync(join(folder, 'b.yml'), 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n');

    expect(readTemplateFile(join(folder, 'a.json'))).toEqual({ Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    expect(readTemplateFile(join(folder, 'b.yml'))).toEqual({ Resources: { T: { Type: 'AWS::SNS::Topic' } } });
  });

  it('reports the line and column of bad JSON in a template file, naming the file as given', () => {
    const file = join(folder, 'bad.json');
    writeFileSync(file, '{\n  "Resources": {\n    "T": { "Type": "AWS::SNS::Topic", }\n  }\n}\n');

    expect(() => readTemplateFile(file, 'merge template')).toThrow(
      `Invalid JSON in ${file} at line 3, column 39: expected a double-quoted string, found '}'`,
    );
  });

  it('names a missing file with its resolved path, and a folder as not a file', () => {
    mkdirSync(join(folder, 'dir.json'));

    expect(() => readTemplateFile(join(folder, 'missing.json'), 'merge template')).toThrow(
      `Cannot find merge template: ${join(folder, 'missing.json')} (resolved to ${join(folder, 'missing.json')})`,
    );
    expect(() => readTemplateFile(join(folder, 'dir.json'), 'merge template')).toThrow('is a folder, not a file');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_LIMITS, parseJsonText, parseTemplateText, readTemplateFile, type JsonObject } from '@wsapp/local';

/** A YAML "billion laughs": nine levels of ten aliases each, 10^9 values when expanded. */
const ALIAS_BOMB = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array<string>(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
].join('\n');

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

  it.each([
    ['JSON', '\uFEFF{"Resources": {}}', 'extra.json'],
    ['YAML', '\uFEFFResources: {}\n', 'extra.yaml'],
  ])('accepts a UTF-8 byte order mark at the start of %s', (_format, text, file) => {
    expect(parseTemplateText(text, file)).toEqual({ Resources: {} });
  });

  it('refuses a key repeated in one JSON object, naming the key and both places', () => {
    const text = '{\n  "Resources": {\n    "Table": {"Type": "AWS::DynamoDB::Table"},\n    "Table": {"Type": "AWS::SNS::Topic"}\n  }\n}\n';

    expect(() => parseTemplateText(text, 'extra.json')).toThrow(
      'Duplicate key "Table" in extra.json at line 4, column 5 (first at line 3, column 5): JSON.parse would silently keep only the last',
    );
  });

  it('counts keys spelt with escapes as the same key, and keys in different objects as different', () => {
    expect(() => parseTemplateText('{"Type": 1, "\\u0054ype": 2}', 'extra.json')).toThrow('Duplicate key "Type" in extra.json at line 1, column 13');
    expect(parseTemplateText('{"A": {"Type": 1}, "B": {"Type": 2}}', 'extra.json')).toEqual({ A: { Type: 1 }, B: { Type: 2 } });
  });

  it('stops a YAML alias bomb quickly with an error that says what it is', () => {
    const started = Date.now();

    expect(() => parseTemplateText(ALIAS_BOMB, 'bomb.yaml')).toThrow(
      `Invalid YAML in bomb.yaml at line 2, column 8: its aliases expand to more than ${TEMPLATE_LIMITS.maxAliasValues} values, which looks like an alias bomb ("billion laughs")`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses an alias inside the node it refers to instead of recursing forever', () => {
    expect(() => parseTemplateText('a: &a\n  b: *a\n', 'loop.yaml')).toThrow(
      'Invalid YAML in loop.yaml at line 2, column 6: the alias *a is inside the node it refers to',
    );
  });

  it('expands ordinary anchors and aliases into separate copies', () => {
    const template = parseTemplateText('Tags: &tags {team: chat}\nA: {Tags: *tags}\nB: {Tags: *tags}\n', 'extra.yaml');

    expect(template).toEqual({ Tags: { team: 'chat' }, A: { Tags: { team: 'chat' } }, B: { Tags: { team: 'chat' } } });
    expect((template.A as JsonObject).Tags).not.toBe((template.B as JsonObject).Tags);
  });

  it('refuses a text larger than the size limit, in JSON and YAML alike', () => {
    const padding = ' '.repeat(TEMPLATE_LIMITS.maxBytes);

    expect(() => parseTemplateText(`{}${padding}`, 'big.json')).toThrow(
      'Template big.json is 1048578 bytes, more than the 1 MiB (1048576 bytes) wsapp reads; CloudFormation itself accepts templates of at most 1 MB',
    );
    expect(() => parseTemplateText(`a: 1${padding}`, 'big.yaml')).toThrow('Template big.yaml is 1048580 bytes, more than the 1 MiB');
    expect(parseTemplateText(`{}${' '.repeat(TEMPLATE_LIMITS.maxBytes - 2)}`, 'just-fits.json')).toEqual({});
  });

  it('reads JSON nested far deeper than a recursive parser could', () => {
    const depth = 100_000;

    expect(parseTemplateText(`{"a": ${'['.repeat(depth)}${']'.repeat(depth)}}`, 'deep.json')).toHaveProperty('a');
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

  it('refuses duplicate keys in any JSON it reads, such as .wsapp/config.json', () => {
    expect(() => parseJsonText('{"stages": {"dev": {}},\n "stages": {}}', 'config.json')).toThrow(
      'Duplicate key "stages" in config.json at line 2, column 2 (first at line 1, column 2)',
    );
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

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    writeFileSync(join(folder, 'bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"Resources": {}}')]));

    expect(readTemplateFile(join(folder, 'bom.json'))).toEqual({ Resources: {} });
  });

  it('refuses a file larger than the size limit without reading all of it', () => {
    const file = join(folder, 'huge.json');
    writeFileSync(file, `{}${' '.repeat(TEMPLATE_LIMITS.maxBytes * 4)}`);

    expect(() => readTemplateFile(file)).toThrow(`Template ${file} is larger than the 1 MiB (1048576 bytes) wsapp reads`);
  });

  it('refuses UTF-16 and other text that is not UTF-8, and a device that is not a file', () => {
    writeFileSync(join(folder, 'utf16.json'), Buffer.from('\uFEFF{}', 'utf16le'));
    writeFileSync(join(folder, 'latin1.yaml'), Buffer.from('a: caf\xe9\n', 'latin1'));

    expect(() => readTemplateFile(join(folder, 'utf16.json'))).toThrow('utf16.json is UTF-16 text; save it as UTF-8');
    expect(() => readTemplateFile(join(folder, 'latin1.yaml'))).toThrow('latin1.yaml is not UTF-8 text; save it as UTF-8');
    expect(() => readTemplateFile('/dev/zero', 'merge template')).toThrow('The merge template /dev/zero is not a regular file');
  });
});

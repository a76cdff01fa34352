import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTemplateText } from '@wsapp/local';
import type { CfnTemplate, JsonObject } from '../src/template';
import { runCli } from './helpers/run-cli';
import { temporaryFolder } from './helpers/temporary-folder';
import { zipEntries } from './helpers/zip-entries';

const ROOT = resolve(__dirname, '..', '..', '..');
const ECHO_APP = join(ROOT, 'examples', 'echo-server');
const CHAT_EXAMPLE = join(ROOT, 'examples', 'chat');
const FIXTURES = join(__dirname, 'fixtures');

const readJson = (path: string): CfnTemplate => JSON.parse(readFileSync(path, 'utf8')) as CfnTemplate;
const propertiesOf = (template: CfnTemplate, id: string): JsonObject => template.Resources[id]?.Properties as JsonObject;

/** Every file in a folder with its contents, to prove a failed run changed nothing. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name)).toString('base64')]));
}

describe('wsapp package', () => {
  const work = temporaryFolder('package');
  afterAll(() => work.remove());

  it('packages the echo example into sam.json and deployment.zip, and prints a summary', () => {
    const run = runCli(['package', '--app', ECHO_APP, 'out'], work.path);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Bundling app.ts for nodejs20.x ...');
    expect(run.stdout).toContain('Functions: WebsocketMessage');
    expect(run.stdout).toContain('Routes: $default');
    expect(run.stdout).toMatch(/Bundle: app\.js [\d.]+ KB, deployment\.zip [\d.]+ KB/);
    expect(run.stdout).toContain(`Wrote ${join('out', 'sam.json')} and ${join('out', 'deployment.zip')}`);
    const template = readJson(join(work.path, 'out', 'sam.json'));
    expect(propertiesOf(template, 'WebsocketMessage')).toMatchObject({
      Runtime: 'nodejs20.x',
      Handler: 'app.handler',
      CodeUri: './deployment.zip',
    });
    const entries = zipEntries(readFileSync(join(work.path, 'out', 'deployment.zip')));
    expect(entries.map((entry) => entry.name)).toEqual(['app.js', 'app.js.map']);
    expect(readdirSync(work.path).filter((name) => name.includes('.wsapp-'))).toEqual([]);
  });

  it('gives byte-identical sam.json and deployment.zip when run twice', () => {
    const first = runCli(['package', '--app', ECHO_APP, 'again-1'], work.path);
    const second = runCli(['package', '--app', ECHO_APP, 'again-2'], work.path);

    expect([first.status, second.status]).toEqual([0, 0]);
    for (const file of ['sam.json', 'deployment.zip']) {
      const a = readFileSync(join(work.path, 'again-1', file));
      const b = readFileSync(join(work.path, 'again-2', file));
      expect({ file, same: Buffer.compare(a, b) === 0 }).toEqual({ file, same: true });
    }
  });

  it("merges the seed's chat resources.json unchanged, gives every function TABLE, and validates", () => {
    const run = runCli(
      ['package', '--app', join(FIXTURES, 'chat-app'), '--merge-template', join(FIXTURES, 'chat-resources.json'), '--validate', 'chat'],
      work.path,
    );

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Validated sam.json: no errors');
    const template = readJson(join(work.path, 'chat', 'sam.json'));
    for (const id of ['WebsocketConnect', 'WebsocketMessage', 'WebsocketDisconnect']) {
      expect(propertiesOf(template, id).Environment).toEqual({ Variables: { TABLE: { Ref: 'ChaliceChatTable' } } });
    }
    expect(template.Resources.ChaliceChatTable?.Type).toBe('AWS::DynamoDB::Table');
  });

  it('packages and validates the chat example with its own resources.json', () => {
    const run = runCli(
      ['package', '--app', CHAT_EXAMPLE, '--merge-template', join(CHAT_EXAMPLE, 'resources.json'), '--validate', 'chat-example'],
      work.path,
    );

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const template = readJson(join(work.path, 'chat-example', 'sam.json'));
    expect(Object.keys(template.Resources)).toEqual(
      expect.arrayContaining(['WebsocketConnect', 'WebsocketMessage', 'WebsocketDisconnect', 'ChaliceChatTable']),
    );
  });

  it('writes sam.yaml with --template-format yaml, merging a YAML file with short tags, for a custom-routes app', () => {
    const run = runCli(
      [
        'package',
        '--app',
        join(FIXTURES, 'custom-routes-app'),
        '--stage',
        'prod',
        '--template-format',
        'yaml',
        '--merge-template',
        join(FIXTURES, 'extra-resources.yaml'),
        '--validate',
        'rooms',
      ],
      work.path,
    );

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(join(work.path, 'rooms', 'sam.json'))).toBe(false);
    const text = readFileSync(join(work.path, 'rooms', 'sam.yaml'), 'utf8');
    expect(text).toMatch(/^AWSTemplateFormatVersion: "2010-09-09"$/m);
    const template = parseTemplateText(text, 'sam.yaml') as CfnTemplate;
    expect(propertiesOf(template, 'WebsocketMessage')).toMatchObject({
      Runtime: 'nodejs20.x',
      MemorySize: 256,
      Environment: {
        Variables: {
          LOG_LEVEL: 'info',
          TABLE: { Ref: 'RoomsTable' },
          TABLE_ARN: { 'Fn::GetAtt': ['RoomsTable', 'Arn'] },
          REGION_TABLE: { 'Fn::Sub': '${AWS::Region}/${RoomsTable}' },
        },
      },
    });
    expect(propertiesOf(template, 'WebsocketRouteSendMessage')).toMatchObject({ RouteKey: 'sendMessage' });
    expect(propertiesOf(template, 'WebsocketAPIStage')).toMatchObject({ StageName: 'v1' });
    expect(run.stdout).toMatch(/Routes: sendMessage \[WebsocketRouteSendMessage -> WebsocketMessage\], join-room \(two-way\)/);
  });

  it('leaves @aws-sdk/* out of the bundle with --external-aws-sdk', () => {
    const run = runCli(['package', '--app', ECHO_APP, '--external-aws-sdk', 'external'], work.path);

    expect(run.status).toBe(0);
    const [app] = zipEntries(readFileSync(join(work.path, 'external', 'deployment.zip')));
    expect(app?.data.toString('utf8')).toContain('require("@aws-sdk/client-apigatewaymanagementapi")');
    expect(app?.data.byteLength).toBeLessThan(50_000);
  });

  it('replaces its own files in an existing OUT and keeps the others', () => {
    const out = join(work.path, 'existing');
    mkdirSync(out);
    writeFileSync(join(out, 'template.yml'), 'from aws cloudformation package');
    writeFileSync(join(out, 'sam.json'), 'old');

    const run = runCli(['package', '--app', ECHO_APP, 'existing'], work.path);

    expect(run.status).toBe(0);
    expect(readFileSync(join(out, 'template.yml'), 'utf8')).toBe('from aws cloudformation package');
    expect(readJson(join(out, 'sam.json')).Resources.WebsocketMessage).toBeDefined();
    expect(readdirSync(work.path).filter((name) => name.includes('.wsapp-'))).toEqual([]);
  });

  describe('with bad input', () => {
    const bad = temporaryFolder('bad-input');
    const out = join(bad.path, 'out');
    const before: Record<string, string> = {};
    const appWith = (name: string, files: Record<string, string>): string => {
      const dir = join(bad.path, name);
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(join(dir, file, '..'), { recursive: true });
        writeFileSync(join(dir, file), text);
      }
      return dir;
    };

    beforeAll(() => {
      mkdirSync(out);
      writeFileSync(join(out, 'sam.json'), '{"previous": true}\n');
      writeFileSync(join(out, 'deployment.zip'), 'previous zip');
      writeFileSync(join(bad.path, 'list.json'), '[1, 2]');
      writeFileSync(join(bad.path, 'broken.json'), '{\n  "Resources": {\n    "A": }\n}\n');
      writeFileSync(join(bad.path, 'broken.yaml'), 'Resources:\n  A: [1, 2\n');
      writeFileSync(join(bad.path, 'unknown-property.json'), JSON.stringify({ Resources: { WebsocketMessage: { Properties: { MemorySzie: 256 } } } }));
      Object.assign(before, snapshot(out));
    });
    afterAll(() => bad.remove());

    it.each<[string, () => string[], RegExp]>([
      ['a missing merge template', () => ['--app', ECHO_APP, '--merge-template', 'missing.json'], /Cannot find merge template: missing\.json \(resolved to .*missing\.json\)/],
      ['a merge template with invalid JSON', () => ['--app', ECHO_APP, '--merge-template', 'broken.json'], /Invalid JSON in broken\.json at line 3, column 10: expected a value, found '}'/],
      ['a merge template with invalid YAML', () => ['--app', ECHO_APP, '--merge-template', 'broken.yaml'], /Invalid YAML in broken\.yaml at line 3, column 1/],
      ['a merge template whose top level is a list', () => ['--app', ECHO_APP, '--merge-template', 'list.json'], /Template list\.json must contain an object at the top level, found a list/],
      ['a merge template that fails validation', () => ['--app', ECHO_APP, '--merge-template', 'unknown-property.json', '--validate'], /sam\.json is not valid \(1 error\); nothing was written:\n.*ERROR WSAPP001 WebsocketMessage Properties\.MemorySzie: 'MemorySzie' is not a property of AWS::Serverless::Function/],
      ['a missing app folder', () => ['--app', 'nowhere'], /Cannot find app folder: nowhere \(resolved to .*nowhere\)/],
      ['a missing app entry', () => ['--app', appWith('no-entry', { 'README.md': '' })], /Cannot find app entry: app\.ts/],
      ['an app that throws while loading', () => ['--app', appWith('throws', { 'app.ts': "throw new Error('boom at load');\n" })], /Cannot load app entry .*throws\/app\.ts: boom at load/],
      ['an app that exports no app', () => ['--app', appWith('no-export', { 'app.ts': 'export const x = 1;\n' })], /must export the WsApp/],
      ['an app that registers no handlers', () => ['--app', join(FIXTURES, 'no-handlers-app')], /App empty registers no websocket handlers/],
      ['an app that imports the local gateway', () => ['--app', join(FIXTURES, 'local-import-app')], /@wsapp\/local is imported by .*, but it belongs to the local gateway/],
      ['a config with an unknown runtime', () => ['--app', appWith('bad-config', { 'app.ts': '', '.wsapp/config.json': '{"runtime": "nodejs18.x"}' })], /Invalid .*config\.json: runtime must be one of nodejs20\.x, nodejs22\.x, nodejs24\.x, got "nodejs18\.x"/],
      ['a config that is not JSON', () => ['--app', appWith('broken-config', { 'app.ts': '', '.wsapp/config.json': '{"stages": {,}}' })], /Invalid JSON in .*config\.json at line 1, column 13/],
      ['a missing iam_policy_file', () => ['--app', appWith('no-policy', { 'app.ts': '', '.wsapp/config.json': '{"autogen_policy": false}' })], /autogen_policy is false but the IAM policy file is missing: \.wsapp\/policy-dev\.json/],
      ['an invalid stage name', () => ['--app', ECHO_APP, '--stage', 'dev prod'], /Invalid --stage "dev prod": use letters, digits, - and _ only/],
      ['an unknown template format', () => ['--app', ECHO_APP, '--template-format', 'xml'], /option '--template-format <FORMAT>' argument 'xml' is invalid. Allowed choices are json, yaml/],
    ])('fails on %s with a clear error and leaves OUT exactly as it was', (_name, args, message) => {
      const run = runCli(['package', ...args(), 'out'], bad.path);

      expect(run.stderr).toMatch(message);
      expect(run.status).not.toBe(0);
      expect(snapshot(out)).toEqual(before);
      expect(readdirSync(bad.path).filter((name) => name.includes('.wsapp-'))).toEqual([]);
    });

    it('fails when OUT is a file, and leaves it alone', () => {
      writeFileSync(join(bad.path, 'out-file'), 'keep me');

      const run = runCli(['package', '--app', ECHO_APP, 'out-file'], bad.path);

      expect(run.stderr).toMatch(/Output out-file exists and is not a folder/);
      expect(run.status).not.toBe(0);
      expect(readFileSync(join(bad.path, 'out-file'), 'utf8')).toBe('keep me');
    });
  });
});

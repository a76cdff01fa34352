import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTemplateText } from '@wsapp/local';
import type { CfnTemplate, JsonObject } from '../src/template';
import { runCli, type CliRunOptions } from './helpers/run-cli';
import { temporaryFolder } from './helpers/temporary-folder';
import { zipEntries } from './helpers/zip-entries';

const ROOT = resolve(__dirname, '..', '..', '..');
const ECHO_APP = join(ROOT, 'examples', 'echo-server');
const CHAT_EXAMPLE = join(ROOT, 'examples', 'chat');
const FIXTURES = join(__dirname, 'fixtures');

const readJson = (path: string): CfnTemplate => JSON.parse(readFileSync(path, 'utf8')) as CfnTemplate;
const propertiesOf = (template: CfnTemplate, id: string): JsonObject => template.Resources[id]?.Properties as JsonObject;

/** A YAML "billion laughs": nine levels of ten aliases each, 10^9 values when expanded. */
const ALIAS_BOMB = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array<string>(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
  'Resources: {}',
].join('\n');

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
    expect(run.stdout).toContain('Bundling app.ts for nodejs22.x ...');
    expect(run.stdout).toContain('Functions: WebsocketMessage');
    expect(run.stdout).toContain('Routes: $default');
    expect(run.stdout).toMatch(/Bundle: app\.js [\d.]+ KB, deployment\.zip [\d.]+ KB/);
    expect(run.stdout).toContain(`Wrote ${join('out', 'sam.json')} and ${join('out', 'deployment.zip')}`);
    const template = readJson(join(work.path, 'out', 'sam.json'));
    expect(propertiesOf(template, 'WebsocketMessage')).toMatchObject({
      Runtime: 'nodejs22.x',
      Handler: 'app.handler',
      CodeUri: './deployment.zip',
      Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
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
      expect(propertiesOf(template, id).Environment).toEqual({
        Variables: { NODE_OPTIONS: '--enable-source-maps', TABLE: { Ref: 'ChaliceChatTable' } },
      });
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
    expect(run.stdout).toContain('Bundling app.ts for nodejs24.x ...');
    expect(propertiesOf(template, 'WebsocketMessage')).toMatchObject({
      Runtime: 'nodejs24.x',
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

  it('replaces sam.json and deployment.zip of an earlier output together, and keeps the other files', () => {
    const out = join(work.path, 'existing');
    mkdirSync(join(out, 'notes'), { recursive: true });
    writeFileSync(join(out, 'template.yml'), 'from aws cloudformation package');
    writeFileSync(join(out, 'notes', 'deploy.txt'), 'keep me too');
    writeFileSync(join(out, 'sam.json'), 'old');
    writeFileSync(join(out, 'deployment.zip'), 'old zip');

    const run = runCli(['package', '--app', ECHO_APP, 'existing'], work.path);

    expect(run.status).toBe(0);
    expect(readFileSync(join(out, 'template.yml'), 'utf8')).toBe('from aws cloudformation package');
    expect(readFileSync(join(out, 'notes', 'deploy.txt'), 'utf8')).toBe('keep me too');
    expect(readJson(join(out, 'sam.json')).Resources.WebsocketMessage).toBeDefined();
    expect(zipEntries(readFileSync(join(out, 'deployment.zip'))).map((entry) => entry.name)).toEqual(['app.js', 'app.js.map']);
    expect(readdirSync(work.path).filter((name) => name.includes('.wsapp-'))).toEqual([]);
  });

  it('accepts merge templates that start with a UTF-8 byte order mark, in JSON and YAML', () => {
    const bom = '\uFEFF';
    writeFileSync(join(work.path, 'bom.json'), `${bom}{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}`);
    writeFileSync(join(work.path, 'bom.yaml'), `${bom}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n`);

    const json = runCli(['package', '--app', ECHO_APP, '--merge-template', 'bom.json', 'bom-json'], work.path);
    const yaml = runCli(['package', '--app', ECHO_APP, '--merge-template', 'bom.yaml', 'bom-yaml'], work.path);

    expect([json.stderr, json.status, yaml.stderr, yaml.status]).toEqual(['', 0, '', 0]);
    expect(readJson(join(work.path, 'bom-json', 'sam.json')).Resources.Topic?.Type).toBe('AWS::SNS::Topic');
    expect(readJson(join(work.path, 'bom-yaml', 'sam.json')).Resources.Queue?.Type).toBe('AWS::SQS::Queue');
  });

  it("changes a generated resource's Type with --allow-type-override, and warns naming it and both types", () => {
    writeFileSync(join(work.path, 'retype.json'), JSON.stringify({ Resources: { WebsocketAPIStage: { Type: 'AWS::ApiGateway::Stage' } } }));

    const run = runCli(['package', '--app', ECHO_APP, '--merge-template', 'retype.json', '--allow-type-override', 'retype'], work.path);

    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'wsapp: warning: merge template retype.json: Resources.WebsocketAPIStage.Type changes the generated resource ' +
        'WebsocketAPIStage from AWS::ApiGatewayV2::Stage to AWS::ApiGateway::Stage (allowed by --allow-type-override)\n',
    );
    expect(readJson(join(work.path, 'retype', 'sam.json')).Resources.WebsocketAPIStage?.Type).toBe('AWS::ApiGateway::Stage');
  });

  it('still packages for the deprecated nodejs20.x, with a warning that gives the dates and the fix', () => {
    const run = runCli(['package', '--app', join(FIXTURES, 'deprecated-runtime-app'), 'node20'], work.path);

    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'wsapp: warning: runtime nodejs20.x is deprecated: AWS Lambda deprecated it on 2026-04-30 and blocks creating ' +
        'functions with it from 2027-02-01; set "runtime": "nodejs22.x" in .wsapp/config.json\n',
    );
    expect(run.stdout).toContain('Bundling app.ts for nodejs20.x ...');
    expect(propertiesOf(readJson(join(work.path, 'node20', 'sam.json')), 'WebsocketMessage').Runtime).toBe('nodejs20.x');
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
      writeFileSync(join(bad.path, 'resources-oops.json'), '{"Resources": "oops"}');
      writeFileSync(join(bad.path, 'outputs-list.json'), '{"Outputs": [{"Value": 1}]}');
      writeFileSync(join(bad.path, 'parameters-string.yaml'), 'Parameters: Stage\n');
      writeFileSync(join(bad.path, 'null-resource.json'), '{"Resources": {"WebsocketMessage": null}}');
      writeFileSync(join(bad.path, 'null-property.yaml'), 'Resources:\n  WebsocketMessage:\n    Properties:\n      Timeout:\n');
      writeFileSync(join(bad.path, 'retype.json'), '{"Resources": {"WebsocketMessage": {"Type": "AWS::Lambda::Function"}}}');
      writeFileSync(join(bad.path, 'bomb.yaml'), ALIAS_BOMB);
      writeFileSync(join(bad.path, 'dup.json'), '{\n  "Resources": {\n    "T": {"Type": "AWS::SNS::Topic", "Type": "AWS::SQS::Queue"}\n  }\n}\n');
      writeFileSync(join(bad.path, 'huge.json'), `{}${' '.repeat(2 * 1024 * 1024)}`);
      writeFileSync(join(bad.path, 'drops-sam.json'), '{"Transform": "AWS::LanguageExtensions"}');
      Object.assign(before, snapshot(out));
    });
    afterAll(() => bad.remove());

    it.each<[string, () => string[], RegExp]>([
      ['a missing merge template', () => ['--app', ECHO_APP, '--merge-template', 'missing.json'], /Cannot find merge template: missing\.json \(resolved to .*missing\.json\)/],
      ['a merge template with invalid JSON', () => ['--app', ECHO_APP, '--merge-template', 'broken.json'], /Invalid JSON in broken\.json at line 3, column 10: expected a value, found '}'/],
      ['a merge template with invalid YAML', () => ['--app', ECHO_APP, '--merge-template', 'broken.yaml'], /Invalid YAML in broken\.yaml at line 3, column 1/],
      ['a merge template whose top level is a list', () => ['--app', ECHO_APP, '--merge-template', 'list.json'], /Template list\.json must contain an object at the top level, found a list/],
      ['a merge template whose Resources is a string', () => ['--app', ECHO_APP, '--merge-template', 'resources-oops.json'], /Merge template resources-oops\.json: Resources must be an object keyed by logical ID, got "oops"/],
      ['a merge template whose Outputs is a list', () => ['--app', ECHO_APP, '--merge-template', 'outputs-list.json'], /Merge template outputs-list\.json: Outputs must be an object keyed by output name, got \[\{"Value":1\}\]/],
      ['a merge template whose Parameters is a string', () => ['--app', ECHO_APP, '--merge-template', 'parameters-string.yaml'], /Merge template parameters-string\.yaml: Parameters must be an object keyed by parameter name, got "Stage"/],
      ['a merge template that sets a generated resource to null', () => ['--app', ECHO_APP, '--merge-template', 'null-resource.json'], /Merge template null-resource\.json: Resources\.WebsocketMessage is null, which would remove the generated resource WebsocketMessage \(AWS::Serverless::Function\)/],
      ['a merge template with an empty YAML value', () => ['--app', ECHO_APP, '--merge-template', 'null-property.yaml'], /Merge template null-property\.yaml: Resources\.WebsocketMessage\.Properties\.Timeout is null, but CloudFormation does not allow null values/],
      ["a merge template that changes a generated resource's Type", () => ['--app', ECHO_APP, '--merge-template', 'retype.json'], /Merge template retype\.json: Resources\.WebsocketMessage\.Type changes the generated resource WebsocketMessage from AWS::Serverless::Function to AWS::Lambda::Function, .*; pass --allow-type-override/],
      ['a merge template whose Transform drops SAM', () => ['--app', ECHO_APP, '--merge-template', 'drops-sam.json'], /Merge template drops-sam\.json: Transform "AWS::LanguageExtensions" drops AWS::Serverless-2016-10-31/],
      ['a YAML alias bomb', () => ['--app', ECHO_APP, '--merge-template', 'bomb.yaml'], /Invalid YAML in bomb\.yaml at line 2, column 8: its aliases expand to more than 100000 values, which looks like an alias bomb/],
      ['a merge template with a duplicate JSON key', () => ['--app', ECHO_APP, '--merge-template', 'dup.json'], /Duplicate key "Type" in dup\.json at line 3, column 38 \(first at line 3, column 11\)/],
      ['a merge template over the size limit', () => ['--app', ECHO_APP, '--merge-template', 'huge.json'], /Template huge\.json is larger than the 1 MiB \(1048576 bytes\) wsapp reads/],
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

    it.each<[string, string, RegExp]>([
      ['an empty OUT', '', /^wsapp: The output folder is an empty string; name a folder such as out\n$/],
      ['an OUT in /proc', '/proc/wsapp-out', /^wsapp: Cannot write output folder \/proc\/wsapp-out \(resolved to \/proc\/wsapp-out\): \/proc is a virtual file system of the kernel, not a folder on disk; choose another OUT\n$/],
      ['an OUT below a file', 'out-file/out', /^wsapp: Cannot create output folder out-file\/out \(resolved to .*\): .*out-file is a file, not a folder\n$/],
      ['an OUT that is the working folder', '.', /^wsapp: Output \. \(resolved to .*\) is or contains the working folder .*; OUT is replaced as a whole folder, so give it a folder of its own, such as out\n$/],
    ])('fails fast on %s, with a clear error, and changes nothing', (_name, outArg, message) => {
      writeFileSync(join(bad.path, 'out-file'), 'keep me');
      const listing = readdirSync(bad.path).sort();

      const run = runCli(['package', '--app', ECHO_APP, outArg], bad.path);

      expect(run.stderr).toMatch(message);
      expect(run.status).not.toBe(0);
      expect(run.stdout).toBe(''); // refused before loading or bundling the app
      expect(readdirSync(bad.path).sort()).toEqual(listing);
      expect(snapshot(out)).toEqual(before);
    });

    it('fails when OUT, or the folder it would be created in, is not writable, and leaves it as it was', () => {
      // Root may write anywhere, so the CLI runs without the capabilities that allow it.
      const asUser: CliRunOptions = { obeyPermissions: true };
      const locked = join(bad.path, 'locked');
      mkdirSync(locked);
      writeFileSync(join(locked, 'sam.json'), 'locked template');
      writeFileSync(join(locked, 'deployment.zip'), 'locked zip');
      const lockedBefore = snapshot(locked);
      chmodSync(bad.path, 0o755);
      chmodSync(locked, 0o555);
      try {
        const existing = runCli(['package', '--app', ECHO_APP, 'locked'], bad.path, asUser);
        const created = runCli(['package', '--app', ECHO_APP, 'locked/new'], bad.path, asUser);

        expect(existing.stderr).toMatch(/^wsapp: Cannot write output folder locked \(resolved to .*locked\): it is not writable \(EACCES\); choose another OUT or change its permissions\n$/);
        expect(created.stderr).toMatch(/^wsapp: Cannot write output folder locked\/new \(resolved to .*\): the folder .*locked it would be created in is not writable \(EACCES\)/);
        expect([existing.status, created.status]).toEqual([1, 1]);
        expect(snapshot(locked)).toEqual(lockedBefore);
      } finally {
        chmodSync(locked, 0o755);
        chmodSync(bad.path, 0o700);
      }
    });

    it('leaves the earlier pair intact when writing fails in the middle, after the bundle is built', () => {
      // A named pipe in OUT cannot be copied into the new folder, so the write fails after the slow work.
      const pipeOut = join(bad.path, 'with-pipe');
      mkdirSync(pipeOut);
      writeFileSync(join(pipeOut, 'sam.json'), 'earlier template');
      writeFileSync(join(pipeOut, 'deployment.zip'), 'earlier zip');
      expect(spawnSync('mkfifo', [join(pipeOut, 'pipe')]).status).toBe(0);
      const earlier = { template: readFileSync(join(pipeOut, 'sam.json'), 'utf8'), zip: readFileSync(join(pipeOut, 'deployment.zip'), 'utf8') };

      const run = runCli(['package', '--app', ECHO_APP, 'with-pipe'], bad.path);

      expect(run.stderr).toMatch(/^wsapp: Cannot write output folder with-pipe \(resolved to .*with-pipe\): .*FIFO/);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('Bundling app.ts');
      expect({ template: readFileSync(join(pipeOut, 'sam.json'), 'utf8'), zip: readFileSync(join(pipeOut, 'deployment.zip'), 'utf8') }).toEqual(earlier);
      expect(readdirSync(bad.path).filter((name) => name.includes('.wsapp-'))).toEqual([]);
      rmSync(pipeOut, { recursive: true });
    });
  });
});

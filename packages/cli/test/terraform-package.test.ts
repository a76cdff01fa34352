import { mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TerraformJson } from '../src/terraform';
import { makeApp } from './helpers/local-process';
import { runCli } from './helpers/run-cli';
import { temporaryFolder } from './helpers/temporary-folder';
import { zipEntries } from './helpers/zip-entries';

const ROOT = resolve(__dirname, '..', '..', '..');
const ECHO_APP = join(ROOT, 'examples', 'echo-server');
const readConfig = (path: string): TerraformJson => JSON.parse(readFileSync(path, 'utf8')) as TerraformJson;

/** Every file in a folder with its contents, to prove a refused run changed nothing. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name)).toString('base64')]));
}

describe('wsapp package --pkg-format terraform', () => {
  const work = temporaryFolder('terraform-package');
  afterAll(() => work.remove());

  it('writes wsapp.tf.json and deployment.zip for the echo example, and prints a summary and the next steps', () => {
    const run = runCli(['package', '--app', ECHO_APP, '--pkg-format', 'terraform', 'out'], work.path);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      `Packaging echo-server (stage dev) from ${join(ECHO_APP, 'app.ts')}`,
      'Bundling app.ts for nodejs22.x ...',
      'Functions: websocket_message',
      'Routes: $default',
      expect.stringMatching(/^Bundle: app\.js [\d.]+ KB, deployment\.zip [\d.]+ KB$/),
      'Next: terraform -chdir=out init, then terraform -chdir=out apply; resources of your own, such as DynamoDB tables, go in .tf files beside wsapp.tf.json',
      `Wrote ${join('out', 'wsapp.tf.json')} and ${join('out', 'deployment.zip')}`,
    ]);
    expect(readdirSync(join(work.path, 'out')).sort()).toEqual(['deployment.zip', 'wsapp.tf.json']);
    const config = readConfig(join(work.path, 'out', 'wsapp.tf.json'));
    expect(config.resource.aws_lambda_function?.websocket_message).toMatchObject({
      runtime: 'nodejs22.x',
      handler: 'app.handler',
      filename: '${path.module}/deployment.zip',
      source_code_hash: '${filebase64sha256("${path.module}/deployment.zip")}',
    });
    expect(zipEntries(readFileSync(join(work.path, 'out', 'deployment.zip'))).map((entry) => entry.name)).toEqual(['app.js', 'app.js.map']);
    expect(readdirSync(work.path).filter((name) => name.includes('.wsapp-'))).toEqual([]);
  });

  it('gives byte-identical output twice, with the same deployment.zip as the SAM template gets', () => {
    const first = runCli(['package', '--app', ECHO_APP, '--pkg-format', 'terraform', 'tf-1'], work.path);
    const second = runCli(['package', '--app', ECHO_APP, '--pkg-format', 'terraform', 'tf-2'], work.path);
    const sam = runCli(['package', '--app', ECHO_APP, '--pkg-format', 'cloudformation', 'sam'], work.path);

    expect([first.status, second.status, sam.status]).toEqual([0, 0, 0]);
    for (const file of ['wsapp.tf.json', 'deployment.zip']) {
      const same = Buffer.compare(readFileSync(join(work.path, 'tf-1', file)), readFileSync(join(work.path, 'tf-2', file))) === 0;
      expect({ file, same }).toEqual({ file, same: true });
    }
    expect(Buffer.compare(readFileSync(join(work.path, 'tf-1', 'deployment.zip')), readFileSync(join(work.path, 'sam', 'deployment.zip')))).toBe(0);
    expect(readdirSync(join(work.path, 'sam')).sort()).toEqual(['deployment.zip', 'sam.json']);
  });

  it('still writes the SAM template by default', () => {
    const run = runCli(['package', '--app', ECHO_APP, 'default'], work.path);

    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Functions: WebsocketMessage\n');
    expect(readdirSync(join(work.path, 'default')).sort()).toEqual(['deployment.zip', 'sam.json']);
    expect(readFileSync(join(work.path, 'default', 'sam.json'), 'utf8')).toBe(readFileSync(join(work.path, 'sam', 'sam.json'), 'utf8'));
  });

  it("keeps Terraform's state, its .terraform folder and the user's own .tf files in OUT when packaging again", () => {
    const out = join(work.path, 'applied');
    mkdirSync(join(out, '.terraform', 'providers'), { recursive: true });
    writeFileSync(join(out, 'terraform.tfstate'), '{"version": 4, "serial": 7}');
    writeFileSync(join(out, '.terraform.lock.hcl'), '# lock');
    writeFileSync(join(out, 'tables.tf'), 'resource "aws_dynamodb_table" "chat" {}');
    symlinkSync('/opt/terraform/plugins/aws', join(out, '.terraform', 'providers', 'aws'));
    writeFileSync(join(out, 'wsapp.tf.json'), '{}');
    writeFileSync(join(out, 'deployment.zip'), 'old zip');

    const run = runCli(['package', '--app', ECHO_APP, '--pkg-format', 'terraform', 'applied'], work.path);

    expect(run.status).toBe(0);
    expect(readFileSync(join(out, 'terraform.tfstate'), 'utf8')).toBe('{"version": 4, "serial": 7}');
    expect(readFileSync(join(out, '.terraform.lock.hcl'), 'utf8')).toBe('# lock');
    expect(readFileSync(join(out, 'tables.tf'), 'utf8')).toBe('resource "aws_dynamodb_table" "chat" {}');
    expect(readlinkSync(join(out, '.terraform', 'providers', 'aws'))).toBe('/opt/terraform/plugins/aws');
    expect(readConfig(join(out, 'wsapp.tf.json')).resource.aws_lambda_function?.websocket_message).toBeDefined();
    expect(zipEntries(readFileSync(join(out, 'deployment.zip'))).map((entry) => entry.name)).toEqual(['app.js', 'app.js.map']);
  });

  it('prints the warnings of the config on stderr', () => {
    const app = makeApp({
      'app.ts': "import { WsApp } from '@wsapp/framework';\nexport const app = new WsApp({ name: 'slow' });\napp.onWsMessage(() => undefined);\n",
      '.wsapp/config.json': JSON.stringify({ lambda_timeout: 120 }),
    });

    const warned = runCli(['package', '--app', app, '--pkg-format', 'terraform', 'warned'], work.path);
    rmSync(app, { recursive: true, force: true });

    expect(warned.status).toBe(0);
    expect(warned.stderr).toMatch(/^wsapp: warning: lambda_timeout is 120 s, but API Gateway ends a WebSocket route's integration after 29 s/);
    expect(readConfig(join(work.path, 'warned', 'wsapp.tf.json')).resource.aws_lambda_function?.websocket_message?.timeout).toBe(120);
  });

  it('lists --pkg-format and its choices in the help', () => {
    const run = runCli(['package', '--help'], work.path);

    expect(run.status).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      '--pkg-format <FORMAT> what to write: a SAM template for CloudFormation, or Terraform JSON (wsapp.tf.json) (choices: "cloudformation", "terraform", default: "cloudformation")',
    );
  });

  describe('refuses, before any work and changing nothing,', () => {
    const out = join(work.path, 'kept');
    let before: Record<string, string> = {};
    beforeAll(() => {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'wsapp.tf.json'), '{"previous": true}\n');
      writeFileSync(join(work.path, 'resources.json'), '{"Resources": {}}');
      before = snapshot(out);
    });

    it.each<[string, string[], string]>([
      [
        '--merge-template',
        ['--merge-template', 'resources.json'],
        'wsapp: --merge-template works with --pkg-format cloudformation only: Terraform output is not merged (chalice package refuses it too); ' +
          'put resources of your own, such as DynamoDB tables, in .tf or .tf.json files beside wsapp.tf.json in OUT, ' +
          'and change generated ones with a Terraform override file such as wsapp_override.tf.json\n',
      ],
      [
        '--merge-template with a file that does not exist',
        ['--merge-template', 'missing.json'],
        'wsapp: --merge-template works with --pkg-format cloudformation only',
      ],
      [
        '--template-format yaml',
        ['--template-format', 'yaml'],
        'wsapp: --template-format yaml works with --pkg-format cloudformation only: Terraform output is JSON (wsapp.tf.json); leave --template-format out\n',
      ],
      [
        '--validate',
        ['--validate'],
        'wsapp: --validate checks a SAM template with AWS CloudFormation Validate, so it works with --pkg-format cloudformation only; ' +
          'for Terraform, run terraform init and terraform validate in OUT\n',
      ],
    ])('%s', (_name, args, message) => {
      const run = runCli(['package', '--app', ECHO_APP, '--pkg-format', 'terraform', ...args, 'kept'], work.path);

      expect(run.stderr.startsWith(message)).toBe(true);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(snapshot(out)).toEqual(before);
    });

    it('an unknown --pkg-format', () => {
      const run = runCli(['package', '--app', ECHO_APP, '--pkg-format', 'pulumi', 'kept'], work.path);

      expect(run.stderr).toMatch(/^wsapp: option '--pkg-format <FORMAT>' argument 'pulumi' is invalid\. Allowed choices are cloudformation, terraform\./);
      expect(run.status).not.toBe(0);
      expect(snapshot(out)).toEqual(before);
    });
  });
});

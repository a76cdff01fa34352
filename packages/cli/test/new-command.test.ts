import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { projectFiles } from '../src/scaffold/project-files';
import { WSAPP_BIN, runCli } from './helpers/run-cli';

const CLI_DIR = resolve(__dirname, '..');
const TSC = resolve(CLI_DIR, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');

describe('wsapp new', () => {
  // Inside packages/cli/node_modules, so the new project resolves @wsapp/framework, @wsapp/local
  // (its built dist, through the package's exports) and tsx as an installed project would, and
  // jest never mistakes its test for one of ours.
  const cache = join(CLI_DIR, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'wsapp-new-'));
  const project = join(work, 'my-api');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('scaffolds app.ts, a test, .wsapp/config.json, package.json, tsconfig.json and a README', () => {
    const run = runCli(['new', 'my-api'], work);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Next: cd my-api && npm install && npx wsapp local');
    expect((readdirSync(project, { recursive: true }) as string[]).sort()).toEqual(
      ['.gitignore', '.wsapp', '.wsapp/config.json', 'README.md', 'app.ts', 'package.json', 'test', 'test/app.test.ts', 'tsconfig.json'],
    );
    expect(JSON.parse(readFileSync(join(project, '.wsapp', 'config.json'), 'utf8'))).toEqual({
      version: '1.0',
      app_name: 'my-api',
      runtime: 'nodejs22.x',
      stages: { dev: {} },
    });
    expect(readFileSync(join(project, 'app.ts'), 'utf8')).toContain("new WsApp({ name: 'my-api' })");
  });

  it('packages and validates immediately, for the runtime its config names, without warnings', () => {
    const run = runCli(['package', '--validate', 'out'], project);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Bundling app.ts for nodejs22.x ...');
    expect(run.stdout).not.toMatch(/WARN/);
    expect(run.stdout).toContain('Validated sam.json: no errors');
    expect(readdirSync(join(project, 'out')).sort()).toEqual(['deployment.zip', 'sam.json']);
    // The output its README reads the WebSocket URL from is one the template really has.
    const outputKey = /OutputKey=='(\w+)'/.exec(readFileSync(join(project, 'README.md'), 'utf8'))?.[1];
    const sam = JSON.parse(readFileSync(join(project, 'out', 'sam.json'), 'utf8')) as { Outputs: Record<string, unknown> };
    expect(outputKey).toBe('WebsocketConnectEndpointURL');
    expect(Object.keys(sam.Outputs)).toContain(outputKey);
  });

  it('runs with wsapp local: a message sent over a real socket comes back', async () => {
    const local = spawn(process.execPath, [WSAPP_BIN, 'local', '--port', '0'], {
      cwd: project,
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
    });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let output = '';
        local.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const match = /WebSocket URL:\s+(ws:\/\/\S+)/.exec(output);
          if (match?.[1]) resolveUrl(match[1]);
        });
        local.on('exit', (code) => reject(new Error(`wsapp local exited with ${code}: ${output}`)));
      });
      const socket = new WebSocket(url);
      await new Promise((resolveOpen, reject) => socket.once('open', resolveOpen).once('error', reject));

      socket.send('hello from a new project');
      const reply = await new Promise<string>((resolveReply) => socket.once('message', (data: Buffer) => resolveReply(data.toString('utf8'))));
      socket.close();

      expect(reply).toBe('hello from a new project');
    } finally {
      local.kill('SIGTERM');
    }
  });

  it("passes its own test and type-checks under strict TypeScript", () => {
    const test = spawnSync(process.execPath, ['--import', 'tsx', '--test', 'test/app.test.ts'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
    });
    const types = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });

    expect({ status: test.status, output: test.stdout + test.stderr }).toEqual({
      status: 0,
      output: expect.stringMatching(/^(?:#|ℹ) pass 1$/m), // node --test's tap reporter (Node 20, 22) or spec (24)
    });
    expect({ status: types.status, output: types.stdout }).toEqual({ status: 0, output: '' });
  });

  it('refuses to overwrite an existing folder and leaves it as it was', () => {
    const before = readFileSync(join(project, 'app.ts'), 'utf8');

    const run = runCli(['new', 'my-api'], work);

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`Cannot create project my-api: ${project} already exists; choose another name or remove it`);
    expect(readFileSync(join(project, 'app.ts'), 'utf8')).toBe(before);
  });

  it.each(['My API', '../escape', '_hidden', 'a'.repeat(65), ''])('refuses the project name %j', (name) => {
    const run = runCli(['new', name], work);

    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Invalid project name|missing required argument/);
    expect(readdirSync(work)).toEqual(['my-api']);
  });
});

describe('projectFiles', () => {
  const fileText = (name: string): string =>
    String(projectFiles({ name: 'demo', wsappVersion: '1.2.3' }).find((file) => file.name === name)?.data);

  it('depends on the wsapp version that created the project, @wsapp/local included', () => {
    const pkg = JSON.parse(fileText('package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };

    expect(pkg.dependencies['@wsapp/framework']).toBe('^1.2.3');
    expect(pkg.devDependencies['@wsapp/cli']).toBe('^1.2.3');
    expect(pkg.devDependencies['@wsapp/local']).toBe(pkg.dependencies['@wsapp/framework']);
  });

  it('tests the app with the in-memory test client of @wsapp/local/testing instead of a hand-written server', () => {
    const test = fileText('test/app.test.ts');

    expect(test).toContain("import { createTestClient } from '@wsapp/local/testing';");
    expect(test).toContain("await conn.send('hello');");
    expect(test).toContain("assert.deepEqual(conn.received, ['hello']);");
    expect(test).toContain('await client.dispose();');
    expect(test).not.toContain('createServer');
  });

  it('has a README that says how to install, run locally, test, package and deploy', () => {
    const readme = fileText('README.md');
    for (const step of [
      'npm install',
      'npx wsapp local',
      'npx wscat -c URL',
      'npm test',
      'npx wsapp package out',
      'aws s3 mb s3://BUCKET',
      'aws cloudformation package --template-file out/sam.json --s3-bucket BUCKET --output-template-file out/packaged.yaml',
      'aws cloudformation deploy --template-file out/packaged.yaml --stack-name demo-dev --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND',
      `aws cloudformation describe-stacks --stack-name demo-dev --query "Stacks[0].Outputs[?OutputKey=='WebsocketConnectEndpointURL'].OutputValue" --output text`,
    ]) {
      expect(readme).toContain(step);
    }
  });
});

import type { OutputFile } from '../atomic-output';
import { DEFAULT_RUNTIME } from '../runtimes';

/**
 * What `wsapp new` needs to write a project: its name and the wsapp version to depend on.
 *
 * @example
 * ```ts
 * const input: ProjectInput = { name: 'my-api', wsappVersion: '0.1.0' };
 * ```
 */
export interface ProjectInput {
  name: string;
  wsappVersion: string;
}

const appTs = (name: string): string => `import { WebsocketDisconnectedError, WsApp } from '@wsapp/framework';

export const app = new WsApp({ name: '${name}' });

app.onWsMessage(async (event) => {
  try {
    await app.websocketApi.send(event.connectionId, event.body);
  } catch (error) {
    // Disconnected, so we can't send the message back.
    if (!(error instanceof WebsocketDisconnectedError)) throw error;
  }
});

export const handler = app.handler;
`;

const testTs = `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestClient } from '@wsapp/local/testing';
import { app } from '../app';

test('echoes a message back to the connection that sent it', async () => {
  const client = createTestClient(app);
  const conn = await client.connect();

  await conn.send('hello');

  assert.deepEqual(conn.received, ['hello']);
  await client.dispose();
});
`;

const readme = (name: string): string => `# ${name}

A WebSocket API on AWS API Gateway and Lambda, made with wsapp. \`app.ts\` is an echo server:
every message comes back to the connection that sent it. Settings such as the Lambda runtime,
memory, timeout and environment variables go in \`.wsapp/config.json\`.

## Install

\`\`\`sh
npm install
\`\`\`

## Run locally

\`\`\`sh
npx wsapp local
\`\`\`

This prints the local \`ws://\` URL; connect to it from another terminal with
\`npx wscat -c URL\` and every message you type comes back.

## Test

\`\`\`sh
npm test
\`\`\`

This runs \`test/app.test.ts\` with the in-memory test client of \`@wsapp/local/testing\`.

## Package

\`\`\`sh
npx wsapp package out
\`\`\`

This writes \`out/deployment.zip\` and the SAM template \`out/sam.json\`.

## Deploy with the AWS CLI

Create a bucket for the deployment artifacts once (BUCKET is a name of your choice):

\`\`\`sh
aws s3 mb s3://BUCKET
\`\`\`

Then upload the package and deploy the stack:

\`\`\`sh
aws cloudformation package --template-file out/sam.json --s3-bucket BUCKET --output-template-file out/packaged.yaml
aws cloudformation deploy --template-file out/packaged.yaml --stack-name ${name}-dev --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND
\`\`\`

Read the WebSocket URL of the deployed API:

\`\`\`sh
aws cloudformation describe-stacks --stack-name ${name}-dev --query "Stacks[0].Outputs[?OutputKey=='WebsocketConnectEndpointURL'].OutputValue" --output text
\`\`\`
`;

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The files of a new project (paths relative to its folder): an echo-style `app.ts`, a
 * `package.json`, a `tsconfig.json`, `.wsapp/config.json` (naming the Lambda runtime, so that it
 * is visible and stays put when wsapp's default changes), a README (install, run locally, test,
 * package and deploy), a `.gitignore` and a test that echoes a message through the in-memory
 * test client of `@wsapp/local/testing`.
 *
 * @example
 * ```ts
 * const files = projectFiles({ name: 'my-api', wsappVersion: '0.1.0' });
 * ```
 */
export function projectFiles(input: ProjectInput): OutputFile[] {
  const { name, wsappVersion } = input;
  const wsappRange = `^${wsappVersion}`;
  return [
    { name: 'app.ts', data: appTs(name) },
    { name: 'test/app.test.ts', data: testTs },
    { name: '.wsapp/config.json', data: json({ version: '1.0', app_name: name, runtime: DEFAULT_RUNTIME, stages: { dev: {} } }) },
    {
      name: 'package.json',
      data: json({
        name,
        private: true,
        version: '0.1.0',
        type: 'module',
        scripts: {
          local: 'wsapp local',
          package: 'wsapp package out',
          test: 'node --import tsx --test test/app.test.ts',
        },
        dependencies: { '@wsapp/framework': wsappRange },
        devDependencies: {
          '@wsapp/cli': wsappRange,
          '@wsapp/local': wsappRange,
          '@types/node': '^20.19.0',
          tsx: '^4.20.0',
          typescript: '~5.9.3',
        },
      }),
    },
    {
      name: 'tsconfig.json',
      data: json({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['app.ts', 'test'],
      }),
    },
    { name: 'README.md', data: readme(name) },
    { name: '.gitignore', data: 'node_modules/\nout/\n.wsapp/deployments/\n' },
  ];
}

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
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { capturedEvent } from '@wsapp/local/testing';
import { app } from '../app';

test('echoes a message back to the connection that sent it', async () => {
  // Prepare: a stand-in for the API Gateway management API on 127.0.0.1.
  const posts: Array<{ url: string; body: string }> = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      posts.push({ url: request.url ?? '', body });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  app.websocketApi.configure({
    endpoint: \`http://127.0.0.1:\${port}/api\`,
    region: 'us-east-1',
    clientConfig: { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
  });

  // Act: a message event as API Gateway delivers it (captured from AWS), for the $default route.
  const event = capturedEvent('message', { body: 'hello', requestContext: { routeKey: '$default' } });
  const result = await app.handler(event);
  server.close();

  // Assess
  assert.equal(result.statusCode, 200);
  const connectionId = encodeURIComponent(event.requestContext.connectionId);
  assert.deepEqual(posts, [{ url: \`/api/@connections/\${connectionId}\`, body: 'hello' }]);
});
`;

const readme = (name: string): string => `# ${name}

A WebSocket API on AWS API Gateway and Lambda, made with wsapp.

\`\`\`sh
npm install
npm test            # runs test/app.test.ts
npx wsapp local     # serves app.ts on a local API Gateway
npx wsapp package out
aws cloudformation package --template-file out/sam.json --s3-bucket $BUCKET --output-template-file out/template.yml
aws cloudformation deploy --template-file out/template.yml --stack-name ${name} --capabilities CAPABILITY_IAM
\`\`\`

\`app.ts\` is an echo server: every message comes back to the connection that sent it.
Settings such as the Lambda runtime, memory, timeout and environment variables go in \`.wsapp/config.json\`.
`;

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The files of a new project (paths relative to its folder): an echo-style `app.ts`, a
 * `package.json`, a `tsconfig.json`, `.wsapp/config.json` (naming the Lambda runtime, so that it
 * is visible and stays put when wsapp's default changes), a README, a `.gitignore` and a test
 * that runs the handler on a captured message event (from `@wsapp/local/testing`) against a
 * management API on 127.0.0.1.
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

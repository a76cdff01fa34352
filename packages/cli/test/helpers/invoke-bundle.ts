import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the bundled handler made to the stand-in management API. */
export interface ManagementRequest {
  method: string;
  url: string;
  body: string;
}

/** What invoking a bundled handler in a fresh Node process gave. */
export interface BundleInvocation {
  result: unknown;
  requests: ManagementRequest[];
  stderr: string;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => resolve(body));
  });
}

/** How to start the Node process of {@link invokeBundle}. */
export interface InvokeOptions {
  /** More environment variables for the function, such as the `NODE_OPTIONS` of its template. */
  env?: Record<string, string>;
}

/**
 * Requires a bundled `app.js` in a fresh Node process (as Lambda does), calls its `handler`
 * with `event`, and records what it sent to a management API served on 127.0.0.1. When the
 * handler fails, the error says how the process exited and what it printed on stderr.
 */
export async function invokeBundle(bundlePath: string, event: unknown, options: InvokeOptions = {}): Promise<BundleInvocation> {
  const requests: ManagementRequest[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const script = `require(${JSON.stringify(bundlePath)}).handler(JSON.parse(process.argv[1]))
    .then((result) => process.stdout.write(JSON.stringify(result === undefined ? null : result)))
    .catch((error) => { console.error(error); process.exit(1); });`;
  try {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(event)], {
      env: {
        PATH: process.env.PATH,
        AWS_ACCESS_KEY_ID: 'wsapp-test',
        AWS_SECRET_ACCESS_KEY: 'wsapp-test',
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        WSAPP_MANAGEMENT_ENDPOINT: `http://127.0.0.1:${port}/api`,
        ...options.env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`bundle exited with ${code}: ${stderr}`);
    return { result: JSON.parse(stdout) as unknown, requests, stderr };
  } finally {
    server.close();
  }
}

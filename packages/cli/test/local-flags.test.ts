// The gateway's times and Host check as wsapp local's flags set them. Each test waits for the
// event itself (a frame, a close), never for a length of time.
import { request } from 'node:http';
import { rmSync } from 'node:fs';
import { cleanup, echoApp, makeApp, open, startLocal, type CliProcess } from './helpers/local-process';

const HANGING_APP = `
import { WsApp } from '@wsapp/framework';
export const app = new WsApp({ name: 'cli-hang' });
app.onWsMessage(() => new Promise(() => undefined));
`;

/** GET on the management endpoint with a chosen Host header; resolves with the status. */
function getWithHost(managementEndpoint: string, host: string): Promise<number> {
  const url = new URL(`${managementEndpoint}/@connections/AAAAAAAAAAAAAAE=`);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('wsapp local flags', () => {
  const dirs: string[] = [];
  const processes: CliProcess[] = [];
  afterEach(cleanup(processes, dirs, (dir) => rmSync(dir, { recursive: true, force: true })));
  const run = async (app: string, flags: string[]): Promise<CliProcess & { url: string }> => {
    const dir = makeApp({ 'app.ts': app });
    dirs.push(dir);
    const local = await startLocal([dir, '--port', '0', ...flags]);
    processes.push(local);
    return local;
  };

  it('fails a handler that runs past --timeout with the Internal server error frame', async () => {
    const local = await run(HANGING_APP, ['--timeout', '0.2']);
    const client = await open(local.url);

    client.socket.send('never answered');

    expect(JSON.parse(await client.next())).toMatchObject({ message: 'Internal server error' });
    await local.waitFor(/MESSAGE +\$default +\S+ +[\d.]+ ms +timeout/);
    client.socket.close();
  });

  it.each([
    ['a client that sends nothing', '--idle-timeout'],
    ['every connection', '--max-duration'],
  ])('closes %s with 1001 once %s 0.3 has passed', async (_who, flag) => {
    const local = await run(echoApp(''), [flag, '0.3']);
    const client = await open(local.url);

    expect(await client.closed).toBe(1001);
  });

  it("starts with times above API Gateway's, warning for each that AWS never does that", async () => {
    const local = await run(echoApp(''), ['--timeout', '60', '--idle-timeout', '900', '--max-duration', '9000']);

    expect(local.output()).toContain("warning: --timeout 60 is longer than API Gateway's 29 s maximum integration timeout");
    expect(local.output()).toContain("warning: --idle-timeout 900 is longer than API Gateway's 600 s idle timeout");
    expect(local.output()).toContain("warning: --max-duration 9000 is longer than API Gateway's 7200 s maximum connection duration");
  });

  it('answers requests for each --allowed-host, and still refuses other hosts', async () => {
    const local = await run(echoApp(''), ['--allowed-host', 'myapp.test', '--allowed-host', 'tunnel.test:443']);
    const endpoint = (await local.waitFor(/Management endpoint: +(http:\/\/\S+)/))[1] as string;

    const statuses = await Promise.all(['myapp.test:8123', 'tunnel.test:443', 'tunnel.test:444', 'evil.test'].map((host) => getWithHost(endpoint, host)));

    expect(statuses).toEqual([410, 410, 403, 403]);
  });
});

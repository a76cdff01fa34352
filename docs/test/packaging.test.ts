// The facts docs/topics/packaging.md states about templates, checked against the CLI's code and,
// for log_level, against what the real `wsapp package` writes.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mergeTemplate } from '../../packages/cli/src/merge';
import { customRouteLogicalId, heartbeatLogicalIds } from '../../packages/cli/src/template';
import { heartbeatNames } from '../../packages/cli/src/terraform';
import { makeApp } from '../../packages/cli/test/helpers/local-process';
import { extension, generated, merged } from '../snippets/merge-example';

const root = join(__dirname, '..', '..');

describe('docs/topics/packaging.md', () => {
  it('shows what merging its example templates really gives, key order included', () => {
    const result = mergeTemplate(generated, extension);

    expect(result).toEqual(merged);
    expect(JSON.stringify(result)).toBe(JSON.stringify(merged));
  });

  it('gives the logical IDs it lists for custom routes', () => {
    expect(customRouteLogicalId('sendMessage')).toBe('WebsocketRouteSendMessage');
    expect(customRouteLogicalId('send-message')).toBe('WebsocketRouteSendMessage249C5EDB');
    expect(customRouteLogicalId('chat/join')).toMatch(/^WebsocketRouteChatJoin[0-9A-F]{8}$/);
  });

  it("gives the heartbeat's resources the logical IDs and Terraform names it lists", () => {
    const page = readFileSync(join(root, 'docs', 'topics', 'packaging.md'), 'utf8');
    const ids = Object.values(heartbeatLogicalIds('ping'));
    const names = Object.values(heartbeatNames('ping'));

    expect(ids).toEqual(['WebsocketRoutePing', 'WebsocketRoutePingMockIntegration', 'WebsocketRoutePingIntegrationResponse', 'WebsocketRoutePingResponse']);
    expect(names).toEqual(['websocket_route_ping', 'websocket_route_ping_mock_integration', 'websocket_route_ping_integration_response', 'websocket_route_ping_response']);
    for (const name of [...ids, ...names]) expect(page).toContain(`\`${name}\``);
    expect(heartbeatLogicalIds('keep-alive').route).toMatch(/^WebsocketRouteKeepAlive[0-9A-F]{8}$/);
  });

  it('shows the LoggingConfig wsapp package writes for its log_level example', () => {
    const page = readFileSync(join(root, 'docs', 'topics', 'packaging.md'), 'utf8');
    const shown = JSON.parse(/<!-- log_level example -->\n```json\n([\s\S]*?)\n```/.exec(page)?.[1] ?? 'null') as { LoggingConfig: unknown };
    const config = { log_level: 'WARN', lambda_functions: { websocket_authorizer: { log_level: 'DEBUG' } } };
    expect(page).toContain('With `"log_level": "WARN"` at the top and `"lambda_functions": { "websocket_authorizer": {\n"log_level": "DEBUG" } }`');
    const app = [
      "import { WsApp } from '@wsapp/framework';",
      "export const app = new WsApp({ name: 'levels' });",
      "app.authorizer(() => ({ principalId: 'user-1' }));",
      'app.onWsMessage(() => undefined);',
    ].join('\n');
    const dir = makeApp({ 'app.ts': app, '.wsapp/config.json': JSON.stringify(config) });
    try {
      const run = spawnSync(process.execPath, [join(root, 'packages', 'cli', 'bin', 'wsapp.js'), 'package', 'out'], { cwd: dir, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const resources = (JSON.parse(readFileSync(join(dir, 'out', 'sam.json'), 'utf8')) as { Resources: Record<string, { Properties: Record<string, unknown> }> }).Resources;

      expect(resources.WebsocketMessage?.Properties.LoggingConfig).toEqual(shown.LoggingConfig);
      expect(resources.WebsocketAuthorizer?.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: 'WebsocketAuthorizerLogGroup' }, LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

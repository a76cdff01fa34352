// The facts docs/topics/packaging.md states about templates, checked against the CLI's code.
import { mergeTemplate } from '../../packages/cli/src/merge';
import { customRouteLogicalId } from '../../packages/cli/src/template';
import { extension, generated, merged } from '../snippets/merge-example';

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
});

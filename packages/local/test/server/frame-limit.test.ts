import { WsApp } from '@wsapp/framework';
import { startLocalGateway } from '@wsapp/local';
import { frameLimitSupported } from '../../src/server/frame-limit';

describe('the 32 KB frame limit', () => {
  it('can be enforced with the installed ws', () => {
    expect(frameLimitSupported()).toBe(true);
  });

  it('logs no frame-limit warning when the gateway starts', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const gateway = await startLocalGateway(new WsApp({ name: 'frame-limit' }), { port: 0 });
      await gateway.close();

      expect([...errors.mock.calls, ...warnings.mock.calls].flat().join('\n')).not.toMatch(/frame/i);
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
  });
});

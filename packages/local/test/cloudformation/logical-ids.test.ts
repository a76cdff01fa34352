import { FUNCTION_LOGICAL_IDS } from '@wsapp/local';

describe('FUNCTION_LOGICAL_IDS', () => {
  it("names the route functions as Chalice does, and the authorizer in the same style, so a merge template can address each", () => {
    expect(FUNCTION_LOGICAL_IDS).toEqual({
      websocket_connect: 'WebsocketConnect',
      websocket_message: 'WebsocketMessage',
      websocket_disconnect: 'WebsocketDisconnect',
      websocket_authorizer: 'WebsocketAuthorizer',
    });
  });

  it('cannot be changed at run time by one of the packages that share it', () => {
    expect(Object.isFrozen(FUNCTION_LOGICAL_IDS)).toBe(true);
  });
});

import { FUNCTION_LOGICAL_IDS } from '@wsapp/local';

describe('FUNCTION_LOGICAL_IDS', () => {
  it("names the three functions as Chalice does, so a merge template written for Chalice addresses them", () => {
    expect(FUNCTION_LOGICAL_IDS).toEqual({
      websocket_connect: 'WebsocketConnect',
      websocket_message: 'WebsocketMessage',
      websocket_disconnect: 'WebsocketDisconnect',
    });
  });

  it('cannot be changed at run time by one of the packages that share it', () => {
    expect(Object.isFrozen(FUNCTION_LOGICAL_IDS)).toBe(true);
  });
});

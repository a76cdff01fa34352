/**
 * The parts of the page's address {@link websocketUrl} reads (`window.location` has them).
 *
 * @example
 * ```ts
 * const address: PageAddress = { protocol: 'http:', host: '127.0.0.1:8000', search: '' };
 * ```
 */
export interface PageAddress {
  protocol: string;
  host: string;
  search: string;
}

/**
 * The WebSocket URL the page connects to: `?ws=URL` when the page's address has it (for an API
 * deployed elsewhere), otherwise the `api` stage of the server that served the page
 * (`ws://{host}/api`, or `wss://` for an https page).
 *
 * @example
 * ```ts
 * websocketUrl({ protocol: 'http:', host: '127.0.0.1:8000', search: '' }); // 'ws://127.0.0.1:8000/api'
 * websocketUrl({ protocol: 'https:', host: 'x', search: '?ws=wss://abc.example/api' }); // 'wss://abc.example/api'
 * ```
 */
export function websocketUrl(address: PageAddress): string {
  const override = new URLSearchParams(address.search).get('ws');
  if (override) return override;
  return `${address.protocol === 'https:' ? 'wss' : 'ws'}://${address.host}/api`;
}

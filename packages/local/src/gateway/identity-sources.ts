import { parseIdentitySource, type WebsocketAuthorizerRequest } from '@wsapp/framework';

function headerValue(request: WebsocketAuthorizerRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [header, value] of Object.entries(request.headers)) {
    if (header.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * The first of an authorizer's identity sources the handshake does not carry, or carries empty
 * (a header, matched case-insensitively, or a query string parameter, matched exactly); API
 * Gateway then refuses the handshake with 401 without invoking the authorizer. `undefined` when
 * every source has a value.
 *
 * @example
 * ```ts
 * missingIdentitySource(['route.request.querystring.token'], request); // 'route.request.querystring.token' for a URL without ?token=
 * ```
 */
export function missingIdentitySource(sources: readonly string[], request: WebsocketAuthorizerRequest): string | undefined {
  return sources.find((source) => {
    const where = parseIdentitySource(source);
    if (!where) return true; // the framework refuses such a source at registration; never let it through
    const value = where.in === 'header' ? headerValue(request, where.name) : request.queryStringParameters?.[where.name];
    return value === undefined || value === '';
  });
}

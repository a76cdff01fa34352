// A Lambda REQUEST authorizer on $connect that verifies a JWT with jose: the token travels in the
// query string (`wss://.../api?token=...`), the one place a browser can put it without a
// subprotocol. Shown in docs/topics/auth.md; exercised by docs/test/jwt-authorizer.test.ts, which
// passes createApp a local JWKS instead of the issuer's.
// #region app
import { UnauthorizedError, WsApp, type AuthorizerResult, type WebsocketAuthorizerRequest } from '@wsapp/framework';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** The identity provider that signs the tokens, and the audience its tokens name for this API. */
export const ISSUER = 'https://auth.example.com/';
export const AUDIENCE = 'chat-api';

/**
 * The issuer's signing keys, from its JWKS URL (an Amazon Cognito user pool publishes them at
 * https://cognito-idp.REGION.amazonaws.com/POOL_ID/.well-known/jwks.json). jose fetches them on
 * first use, not here, keeps them for 10 minutes, and fetches again when a token names a key it
 * does not know. At module level, they outlive one invocation of a warm Lambda.
 */
const issuerKeys = createRemoteJWKSet(new URL('.well-known/jwks.json', ISSUER));

/** What jose throws for a bad token: the client's fault, so 401. Anything else (the JWKS could not be fetched) is a 500. */
const BAD_TOKEN = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JOSE_ALG_NOT_ALLOWED',
]);

async function verifiedClaims(token: string, keys: JWTVerifyGetKey): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['RS256'],
      requiredClaims: ['sub', 'exp'],
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JOSEError && BAD_TOKEN.has(error.code)) throw new UnauthorizedError(error.message);
    throw error;
  }
}

/** The app, verifying tokens against `keys`: the issuer's JWKS unless a test passes its own. */
export function createApp(keys: JWTVerifyGetKey = issuerKeys): WsApp {
  const app = new WsApp({ name: 'jwt-chat' });

  app.authorizer(
    async (request: WebsocketAuthorizerRequest): Promise<AuthorizerResult> => {
      // Never missing: a handshake without ?token= is refused with 401 before the authorizer runs.
      const claims = await verifiedClaims(request.queryStringParameters.token ?? '', keys);
      // A valid token, but for a user who may not chat: 403.
      const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
      if (!scopes.includes('chat')) return null;
      return {
        principalId: claims.sub as string,
        // Strings, numbers and booleans only; every later event gets them as strings.
        context: { tenant: String(claims.tenant ?? 'none'), admin: claims.admin === true, expiresAt: claims.exp as number },
      };
    },
    { identitySources: ['route.request.querystring.token'] },
  );

  // No $connect handler is needed: a connection the authorizer allows opens.
  app.onWsMessage(async (event) => {
    await app.websocketApi.send(event.connectionId, `${event.authorizer?.principalId}: ${event.body}`);
  });

  // {"action":"whoami"} answers with what the authorizer passed on.
  app.onWsRoute('whoami', (event) => JSON.stringify(event.authorizer), { twoWay: true });

  return app;
}

export const app = createApp();
export const handler = app.handler;
// #endregion app

import type { Plugin } from 'esbuild';

/**
 * The credential provider the bundle's AWS SDK clients get instead of the SDK's default chain.
 * In Lambda the runtime always hands a function its role's credentials in the environment
 * (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), the first place the
 * default chain looks; the rest of the chain (shared files, SSO, IMDS, STS web identity and
 * the nested clients they need) is about 100 KB of minified code that never runs there.
 */
const ENV_ONLY_PROVIDER = `
exports.defaultProvider = () => async () => {
  const env = process.env;
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    const error = new Error('No AWS credentials in the environment: in Lambda the runtime sets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the function role (wsapp bundles read credentials only from there)');
    error.name = 'CredentialsProviderError';
    throw error;
  }
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(env.AWS_CREDENTIAL_EXPIRATION ? { expiration: new Date(env.AWS_CREDENTIAL_EXPIRATION) } : {}),
  };
};
`;

/**
 * An esbuild plugin that gives bundled AWS SDK clients {@link ENV_ONLY_PROVIDER} in place of
 * `@aws-sdk/credential-provider-node`: credentials from the environment, as Lambda provides them.
 *
 * @example
 * ```ts
 * await build({ entryPoints: ['app.ts'], bundle: true, plugins: [lambdaCredentials] });
 * ```
 */
export const lambdaCredentials: Plugin = {
  name: 'wsapp-lambda-credentials',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, (args) => ({ path: args.path, namespace: 'wsapp-lambda-credentials' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'wsapp-lambda-credentials' }, () => ({ contents: ENV_ONLY_PROVIDER, loader: 'js' }));
  },
};

/**
 * Sets environment variables for as long as something runs, and puts the previous values back
 * afterwards. A variable changed by someone else in the meantime is left alone on restore, so
 * several gateways in one process do not undo each other.
 *
 * @example
 * ```ts
 * const restore = applyEnvironment({ WSAPP_MANAGEMENT_ENDPOINT: 'http://127.0.0.1:8000/api' });
 * // ... run handlers ...
 * restore();
 * ```
 */
export function applyEnvironment(variables: Readonly<Record<string, string>>): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(variables)) {
    previous.set(name, process.env[name]);
    process.env[name] = value;
  }
  return () => {
    for (const [name, before] of previous) {
      if (process.env[name] !== variables[name]) continue;
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    }
    previous.clear();
  };
}

/**
 * The variables the local gateway provides to handlers: the management endpoint (for
 * `app.websocketApi` and for a hand-built SDK client), plus a region and dummy credentials
 * when the process has none, so the AWS SDK never looks further.
 *
 * @example
 * ```ts
 * localAwsEnvironment('http://127.0.0.1:8000/api', process.env);
 * ```
 */
export function localAwsEnvironment(
  managementEndpoint: string,
  current: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const variables: Record<string, string> = {
    WSAPP_MANAGEMENT_ENDPOINT: managementEndpoint,
    AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: managementEndpoint,
  };
  if (!current.AWS_REGION && !current.AWS_DEFAULT_REGION) variables.AWS_REGION = 'us-east-1';
  if (!current.AWS_ACCESS_KEY_ID && !current.AWS_PROFILE) {
    variables.AWS_ACCESS_KEY_ID = 'wsapp-local';
    variables.AWS_SECRET_ACCESS_KEY = 'wsapp-local';
  }
  return variables;
}

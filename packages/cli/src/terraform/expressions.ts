/**
 * Escapes a literal for a Terraform string template: `${` and `%{` start an interpolation or a
 * directive, so text from the config or an IAM policy file (`${aws:username}`) gets `$${` and
 * `%%{`, which Terraform reads back as the literal text.
 *
 * @example
 * ```ts
 * literal('arn:aws:s3:::bucket/${aws:username}/*'); // 'arn:aws:s3:::bucket/$${aws:username}/*'
 * ```
 */
export function literal(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * Escapes every string of a record with {@link literal}: environment variables, tags.
 *
 * @example
 * ```ts
 * literals({ GREETING: 'hi ${name}' }); // { GREETING: 'hi $${name}' }
 * ```
 */
export function literals(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [literal(key), literal(value)]));
}

/**
 * The address of a resource (`type.name`), as `depends_on` and expressions name it.
 *
 * @example
 * ```ts
 * address('aws_apigatewayv2_route', 'websocket_message_route'); // 'aws_apigatewayv2_route.websocket_message_route'
 * ```
 */
export function address(type: string, name: string): string {
  return `${type}.${name}`;
}

/**
 * An interpolation of one attribute of a resource: `${type.name.attribute}`.
 *
 * @example
 * ```ts
 * reference('aws_apigatewayv2_api', 'websocket_api', 'id'); // '${aws_apigatewayv2_api.websocket_api.id}'
 * ```
 */
export function reference(type: string, name: string, attribute: string): string {
  return `\${${address(type, name)}.${attribute}}`;
}

/**
 * Any JSON value: what a CloudFormation template is made of.
 *
 * @example
 * ```ts
 * const ref: JsonValue = { Ref: 'WebsocketAPI' };
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/**
 * A JSON object.
 *
 * @example
 * ```ts
 * const tags: JsonObject = { team: 'chat' };
 * ```
 */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * One resource of a CloudFormation template.
 *
 * @example
 * ```ts
 * const api: CfnResource = { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'WEBSOCKET' } };
 * ```
 */
export interface CfnResource extends JsonObject {
  Type: string;
}

/**
 * A CloudFormation (SAM) template as `wsapp package` writes it.
 *
 * @example
 * ```ts
 * const template: CfnTemplate = { AWSTemplateFormatVersion: '2010-09-09', Resources: {} };
 * ```
 */
export interface CfnTemplate extends JsonObject {
  Resources: Record<string, CfnResource>;
}

import type { JsonObject } from '@wsapp/local';

// One JSON type for the templates we generate and the ones we read (see @wsapp/local's reader).
export type { JsonObject, JsonValue } from '@wsapp/local';

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

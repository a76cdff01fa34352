import type { JsonObject } from '../template';

export type { JsonObject, JsonValue } from '../template';

/**
 * The blocks of one kind in a Terraform JSON file (`resource` or `data`): type, then name, then body.
 *
 * @example
 * ```ts
 * const resources: TerraformBlocks = { aws_apigatewayv2_api: { websocket_api: { protocol_type: 'WEBSOCKET' } } };
 * ```
 */
export type TerraformBlocks = Record<string, Record<string, JsonObject>>;

/**
 * A Terraform configuration in JSON syntax, as `wsapp package --pkg-format terraform` writes it
 * to `wsapp.tf.json` (Chalice's `chalice.tf.json`, with wsapp's resources).
 *
 * @example
 * ```ts
 * const config: TerraformJson = { terraform: { required_version: '>= 1.0' }, resource: {}, output: {} };
 * ```
 */
export interface TerraformJson extends JsonObject {
  terraform: JsonObject;
  resource: TerraformBlocks;
  output: Record<string, JsonObject>;
}

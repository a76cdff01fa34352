import type { WebsocketFunctionName } from '../template/logical-ids';
import { pick, type ConfigLayer } from './layers';
import type { FunctionSettings } from './settings';

/**
 * A function's `VpcConfig` from `subnet_ids` and `security_group_ids`, each looked up per
 * function. Both non-empty: the function runs in the VPC; both absent or empty: it does not
 * (so an empty list at a more specific level takes a function out of a stage's VPC). Only one
 * of them is an error, as Chalice's `_get_vpc_params` makes it.
 *
 * @example
 * ```ts
 * resolveVpcConfig(functionLayers(config, 'prod', 'websocket_message'), 'websocket_message', '.wsapp/config.json');
 * // { subnetIds: ['subnet-0a1b'], securityGroupIds: ['sg-0c2d'] }
 * ```
 */
export function resolveVpcConfig(
  layers: readonly ConfigLayer[],
  name: WebsocketFunctionName,
  file: string,
): FunctionSettings['vpcConfig'] | undefined {
  const subnets = pick(layers, 'subnet_ids');
  const groups = pick(layers, 'security_group_ids');
  const subnetIds = subnets?.value ?? [];
  const securityGroupIds = groups?.value ?? [];
  if (subnetIds.length > 0 && securityGroupIds.length > 0) return { subnetIds: [...subnetIds], securityGroupIds: [...securityGroupIds] };
  if (subnetIds.length === 0 && securityGroupIds.length === 0) return undefined;
  const [given, missing, missingKey] =
    subnetIds.length > 0 ? [subnets, groups, 'security_group_ids'] : [groups, subnets, 'subnet_ids'];
  const none = missing === undefined ? `no ${missingKey} applies to it` : `its ${missingKey} (${missing.from}) is empty`;
  throw new Error(
    `Invalid ${file}: ${given?.from} puts ${name} in a VPC, but ${none}: ` +
      'a function in a VPC needs both subnet_ids and security_group_ids',
  );
}

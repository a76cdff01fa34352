import type { CustomDomainSettings } from '../config';
import { CUSTOM_DOMAIN_LOGICAL_IDS, type JsonObject } from '../template';
import { apiId } from './api-resources';
import { literal, literals, reference } from './expressions';
import { TERRAFORM_NAMES } from './names';
import type { TerraformBlocks } from './types';

/**
 * The resources of the API's custom domain (`websocket_api_custom_domain`): a REGIONAL
 * `aws_apigatewayv2_domain_name` with the certificate and TLS policy, and the
 * `aws_apigatewayv2_api_mapping` of the stage under `url_prefix` (at the root without one).
 * DNS stays the user's: point the name at the regional domain name output.
 *
 * @example
 * ```ts
 * customDomainResources({ domainName: 'ws.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/1', tlsVersion: 'TLS_1_2', tags: {} });
 * ```
 */
export function customDomainResources(domain: CustomDomainSettings): TerraformBlocks {
  const names = TERRAFORM_NAMES;
  const domainName: JsonObject = {
    domain_name: literal(domain.domainName),
    domain_name_configuration: {
      certificate_arn: literal(domain.certificateArn),
      endpoint_type: 'REGIONAL',
      security_policy: literal(domain.tlsVersion),
    },
  };
  if (Object.keys(domain.tags).length > 0) domainName.tags = literals(domain.tags);
  const mapping: JsonObject = {
    api_id: apiId(),
    domain_name: reference('aws_apigatewayv2_domain_name', names.customDomain, 'id'),
    stage: reference('aws_apigatewayv2_stage', names.stage, 'id'),
  };
  if (domain.urlPrefix !== undefined) mapping.api_mapping_key = literal(domain.urlPrefix);
  return {
    aws_apigatewayv2_domain_name: { [names.customDomain]: domainName },
    aws_apigatewayv2_api_mapping: { [names.apiMapping]: mapping },
  };
}

/**
 * The outputs of the custom domain, named as the SAM template's: the regional domain name and
 * hosted zone that a DNS record for it points at, and its `wss://` URL.
 *
 * @example
 * ```ts
 * customDomainOutputs(domain).WebsocketApiCustomDomainURL; // { value: 'wss://ws.example.com/' }
 * ```
 */
export function customDomainOutputs(domain: CustomDomainSettings): Record<string, JsonObject> {
  const configuration = (attribute: string): string =>
    reference('aws_apigatewayv2_domain_name', TERRAFORM_NAMES.customDomain, `domain_name_configuration[0].${attribute}`);
  const prefix = domain.urlPrefix === undefined ? '' : `${domain.urlPrefix}/`;
  const ids = CUSTOM_DOMAIN_LOGICAL_IDS;
  return {
    [ids.regionalDomainNameOutput]: { value: configuration('target_domain_name') },
    [ids.regionalHostedZoneIdOutput]: { value: configuration('hosted_zone_id') },
    [ids.urlOutput]: { value: literal(`wss://${domain.domainName}/${prefix}`) },
  };
}

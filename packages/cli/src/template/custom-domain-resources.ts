import type { CustomDomainSettings } from '../config';
import { apiId, ref } from './api-resources';
import { toCfnResourceName } from './logical-ids';
import type { CfnResource, JsonObject } from './types';

/**
 * The logical IDs of a custom domain's resources and Outputs. The resources are Chalice's
 * (`websocket_api_custom_domain` through Chalice's `to_cfn_resource_name`, and its
 * `Mapping`); Chalice's SAM template adds no Outputs for them, so the three Outputs are
 * wsapp's own: where to point DNS (a CNAME to the regional domain name, or a Route 53 alias
 * with its hosted zone) and the URL clients connect to.
 *
 * @example
 * ```ts
 * template.Resources[CUSTOM_DOMAIN_LOGICAL_IDS.domainName]?.Type; // 'AWS::ApiGatewayV2::DomainName'
 * ```
 */
export const CUSTOM_DOMAIN_LOGICAL_IDS = Object.freeze({
  domainName: toCfnResourceName('websocket_api_custom_domain'),
  apiMapping: `${toCfnResourceName('websocket_api_custom_domain')}Mapping`,
  regionalDomainNameOutput: 'WebsocketApiCustomDomainRegionalDomainName',
  regionalHostedZoneIdOutput: 'WebsocketApiCustomDomainRegionalHostedZoneId',
  urlOutput: 'WebsocketApiCustomDomainURL',
});

/**
 * What {@link customDomainResources} adds to the template.
 *
 * @example
 * ```ts
 * const { resources, outputs } = customDomainResources(settings.customDomain);
 * ```
 */
export interface CustomDomainResources {
  resources: Record<string, CfnResource>;
  outputs: JsonObject;
}

/** `AWS::ApiGatewayV2::DomainName`: a REGIONAL endpoint (WebSocket APIs have no other) with the certificate. */
function domainName(domain: CustomDomainSettings): CfnResource {
  const properties: JsonObject = {
    DomainName: domain.domainName,
    DomainNameConfigurations: [
      { CertificateArn: domain.certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: domain.tlsVersion },
    ],
  };
  if (Object.keys(domain.tags).length > 0) properties.Tags = { ...domain.tags };
  return { Type: 'AWS::ApiGatewayV2::DomainName', Properties: properties };
}

/** `AWS::ApiGatewayV2::ApiMapping` of the API's stage at `url_prefix`, or at the root (`(none)`, as Chalice writes it). */
function apiMapping(domain: CustomDomainSettings): CfnResource {
  return {
    Type: 'AWS::ApiGatewayV2::ApiMapping',
    Properties: {
      DomainName: ref(CUSTOM_DOMAIN_LOGICAL_IDS.domainName),
      ApiId: apiId(),
      ApiMappingKey: domain.urlPrefix ?? '(none)',
      Stage: ref('WebsocketAPIStage'),
    },
  };
}

/**
 * The resources of `websocket_api_custom_domain`, as Chalice's SAM template has them:
 * `WebsocketApiCustomDomain` (`AWS::ApiGatewayV2::DomainName`, REGIONAL, with the certificate,
 * the security policy and the domain's tags) and `WebsocketApiCustomDomainMapping` (the API's
 * stage at `url_prefix`); and three Outputs (see {@link CUSTOM_DOMAIN_LOGICAL_IDS}). Behind the
 * domain, `app.websocketApi` still reaches the `@connections` API: it derives the endpoint
 * from the event's API id and stage, not from the domain the client used.
 *
 * @example
 * ```ts
 * const { resources, outputs } = customDomainResources({ domainName: 'ws.example.com', certificateArn: arn, tlsVersion: 'TLS_1_2', tags: {} });
 * outputs.WebsocketApiCustomDomainURL; // { Value: 'wss://ws.example.com/' }
 * ```
 */
export function customDomainResources(domain: CustomDomainSettings): CustomDomainResources {
  const ids = CUSTOM_DOMAIN_LOGICAL_IDS;
  const path = domain.urlPrefix === undefined ? '' : `${domain.urlPrefix}/`;
  return {
    resources: { [ids.domainName]: domainName(domain), [ids.apiMapping]: apiMapping(domain) },
    outputs: {
      [ids.regionalDomainNameOutput]: { Value: { 'Fn::GetAtt': [ids.domainName, 'RegionalDomainName'] } },
      [ids.regionalHostedZoneIdOutput]: { Value: { 'Fn::GetAtt': [ids.domainName, 'RegionalHostedZoneId'] } },
      [ids.urlOutput]: { Value: `wss://${domain.domainName}/${path}` },
    },
  };
}

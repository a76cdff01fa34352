export { appModelOf, type AppModel, type AppModelSource, type AuthorizerModel } from './app-model';
export { AUTHORIZER_LOGICAL_IDS, authorizerResources, hasConnectHandler, type AuthorizerResources } from './authorizer-resources';
export { CUSTOM_DOMAIN_LOGICAL_IDS, customDomainResources, type CustomDomainResources } from './custom-domain-resources';
export {
  VPC_ENI_STATEMENT,
  XRAY_WRITE_STATEMENT,
  defaultRole,
  lambdaRole,
  leastPrivilegePolicy,
  type PolicyNeeds,
} from './default-role';
export { chaliceFunctionProperties, logGroupLogicalId, loggingConfig } from './function-resources';
export { functionRoles, roleLogicalId, roleProperty } from './function-roles';
export { heartbeatLogicalIds, heartbeatResources, type HeartbeatResources } from './heartbeat-resources';
export { heartbeatRouteOf, type HeartbeatRoute } from './app-routes';
export {
  FUNCTION_LOGICAL_IDS,
  customRouteLogicalId,
  integrationResponseLogicalId,
  mockIntegrationLogicalId,
  routeResponseLogicalId,
  toCfnResourceName,
  type WebsocketFunctionName,
} from './logical-ids';
export {
  DEPLOYMENT_ZIP,
  LAMBDA_HANDLER,
  SOURCE_MAPS_NODE_OPTIONS,
  buildSamTemplate,
  type SamTemplateInput,
} from './sam-template';
export { serializeTemplate, templateFileName, type TemplateFormat } from './serialize';
export type { CfnResource, CfnTemplate, JsonObject, JsonValue } from './types';

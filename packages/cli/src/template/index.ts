export { appModelOf, type AppModel, type AppModelSource, type AuthorizerModel } from './app-model';
export { AUTHORIZER_LOGICAL_IDS, authorizerResources, hasConnectHandler, type AuthorizerResources } from './authorizer-resources';
export { defaultRole, leastPrivilegePolicy } from './default-role';
export { logGroupLogicalId, loggingConfig } from './function-resources';
export {
  FUNCTION_LOGICAL_IDS,
  customRouteLogicalId,
  routeResponseLogicalId,
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

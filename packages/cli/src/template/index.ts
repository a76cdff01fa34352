export { appModelOf, type AppModel } from './app-model';
export { defaultRole, leastPrivilegePolicy } from './default-role';
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

export { AWS_PROVIDER_VERSION, buildTerraformTemplate, serializeTerraform, type TerraformTemplateInput } from './terraform-template';
export {
  TERRAFORM_FILE,
  TERRAFORM_NAMES,
  customRouteName,
  handlerRouteName,
  integrationName,
  integrationResponseName,
  mockIntegrationName,
} from './names';
export { heartbeatNames, heartbeatResources } from './heartbeat-resources';
export { plannedRoutes, type PlannedRoute } from './app-routes';
export { literal } from './expressions';
export { leastPrivilegePolicy } from './role-resources';
export { terraformSummary } from './summary';
export type { TerraformBlocks, TerraformJson } from './types';

import type { CustomDomainSettings, StageSettings } from '../config';
import { CUSTOM_DOMAIN_LOGICAL_IDS, type AppModel } from '../template';
import { heartbeatRouteOf } from '../template/app-routes';
import { plannedRoutes } from './app-routes';
import { heartbeatNames } from './heartbeat-resources';
import { TERRAFORM_NAMES, handlerRouteName } from './names';
import type { TerraformJson } from './types';

function routesLine(app: AppModel): string {
  const routes = plannedRoutes(app).map((planned) => {
    const target = planned.kind === 'custom' ? ` [${planned.name} -> ${planned.target}]` : '';
    return `${planned.routeKey}${planned.twoWay ? ' (two-way)' : ''}${target}`;
  });
  const heartbeat = heartbeatRouteOf(app);
  if (heartbeat) {
    routes.push(`${heartbeat.routeKey} (two-way) [${heartbeatNames(heartbeat.routeKey).route} -> MOCK integration, answers ${heartbeat.response}]`);
  }
  if (app.authorizer && !app.routes.some((registered) => registered.kind === 'connect')) {
    routes.push(`$connect [${handlerRouteName('websocket_connect')} -> MOCK integration, accepts what the authorizer allows]`);
  }
  return `Routes: ${routes.join(', ')}`;
}

function domainLine(domain: CustomDomainSettings): string {
  const at = domain.urlPrefix ? ` under /${domain.urlPrefix}` : '';
  return `Custom domain: ${domain.domainName}${at} (aws_apigatewayv2_domain_name.${TERRAFORM_NAMES.customDomain}); point its DNS at the ${CUSTOM_DOMAIN_LOGICAL_IDS.regionalDomainNameOutput} output`;
}

/**
 * What `wsapp package --pkg-format terraform` prints about the configuration it wrote: the
 * functions (`aws_lambda_function` names), the routes (with the resource and function of each
 * custom route, and the frame the heartbeat's MOCK integration answers), the authorizer and the
 * custom domain.
 *
 * @example
 * ```ts
 * for (const line of terraformSummary(app, config, settings)) log(line);
 * // Functions: websocket_message
 * // Routes: $default
 * ```
 */
export function terraformSummary(app: AppModel, config: TerraformJson, settings: StageSettings): string[] {
  const lines = [`Functions: ${Object.keys(config.resource.aws_lambda_function ?? {}).join(', ')}`, routesLine(app)];
  if (app.authorizer) {
    lines.push(
      `Authorizer: websocket_authorizer (REQUEST, aws_apigatewayv2_authorizer.${TERRAFORM_NAMES.authorizer}) on $connect; ` +
        `identity sources: ${app.authorizer.identitySources.join(', ')}`,
    );
  }
  const domain = settings.customDomain;
  if (domain !== undefined) lines.push(domainLine(domain));
  return lines;
}

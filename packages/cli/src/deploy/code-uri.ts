import { DEPLOYMENT_ZIP, type CfnTemplate, type JsonObject } from '../template';

/**
 * The template with every function whose `CodeUri` is the packaged `./deployment.zip` pointed
 * at the uploaded copy instead (`s3://bucket/key`). Functions a merge template points
 * elsewhere are left as they are. The input is not changed.
 *
 * @example
 * ```ts
 * const deployed = pointCodeAt(template, 's3://my-bucket/chat/ab12.zip');
 * ```
 */
export function pointCodeAt(template: CfnTemplate, s3Uri: string): CfnTemplate {
  const resources: CfnTemplate['Resources'] = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    const properties = resource.Properties as JsonObject | undefined;
    const packaged = resource.Type === 'AWS::Serverless::Function' && properties?.CodeUri === `./${DEPLOYMENT_ZIP}`;
    resources[id] = packaged ? { ...resource, Properties: { ...properties, CodeUri: s3Uri } } : resource;
  }
  return { ...template, Resources: resources };
}

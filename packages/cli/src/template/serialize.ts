import { Document } from 'yaml';
import type { JsonObject } from './types';

/**
 * The formats `wsapp package --template-format` writes.
 *
 * @example
 * ```ts
 * const format: TemplateFormat = 'yaml';
 * ```
 */
export type TemplateFormat = 'json' | 'yaml';

/**
 * The file name of the template in `OUT`: `sam.json` or `sam.yaml`.
 *
 * @example
 * ```ts
 * templateFileName('yaml'); // 'sam.yaml'
 * ```
 */
export function templateFileName(format: TemplateFormat): string {
  return format === 'yaml' ? 'sam.yaml' : 'sam.json';
}

/**
 * Serialises a template deterministically: JSON with two-space indents, or YAML with long-form
 * intrinsics (`Ref:`, `Fn::GetAtt:`) and quotes wherever a YAML 1.1 reader such as
 * CloudFormation's would otherwise see a date, number or boolean (`'2010-09-09'`).
 *
 * @example
 * ```ts
 * serializeTemplate({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} }, 'yaml');
 * ```
 */
export function serializeTemplate(template: JsonObject, format: TemplateFormat): string {
  if (format === 'json') return `${JSON.stringify(template, null, 2)}\n`;
  return new Document(template, { version: '1.1' }).toString({ lineWidth: 0 });
}

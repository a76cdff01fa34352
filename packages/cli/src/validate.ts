import type { Engine, StandardDiagnostic } from '@aws/cloudformation-validate';
import { parseTemplateText } from '@wsapp/local';
import type { JsonObject } from './template/types';

/**
 * One problem (or remark) about a template, from AWS's validator or from wsapp's own checks.
 *
 * @example
 * ```ts
 * const finding: TemplateFinding = { severity: 'ERROR', ruleId: 'WSAPP001', message: 'Unknown property Bogus', logicalId: 'WebsocketMessage' };
 * ```
 */
export interface TemplateFinding {
  severity: 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';
  ruleId: string;
  message: string;
  logicalId?: string;
  propertyPath?: string;
  line?: number;
  column?: number;
}

/** The properties AWS SAM accepts on `AWS::Serverless::Function` (AWS's validator does not check them). */
export const SERVERLESS_FUNCTION_PROPERTIES: ReadonlySet<string> = new Set([
  'Architectures', 'AssumeRolePolicyDocument', 'AutoPublishAlias', 'AutoPublishAliasAllProperties',
  'AutoPublishCodeSha256', 'CapacityProviderConfig', 'CodeSigningConfigArn', 'CodeUri', 'DeadLetterQueue',
  'DeploymentPreference', 'Description', 'DurableConfig', 'Environment', 'EphemeralStorage', 'EventInvokeConfig',
  'Events', 'FileSystemConfigs', 'FunctionName', 'FunctionScalingConfig', 'FunctionUrlConfig', 'Handler',
  'ImageConfig', 'ImageUri', 'InlineCode', 'KmsKeyArn', 'Layers', 'LoggingConfig', 'MemorySize', 'PackageType',
  'PermissionsBoundary', 'Policies', 'PropagateTags', 'ProvisionedConcurrencyConfig', 'PublishToLatestPublished',
  'RecursiveLoop', 'ReservedConcurrentExecutions', 'Role', 'RolePath', 'Runtime', 'RuntimeManagementConfig',
  'SnapStart', 'SourceKMSKeyArn', 'Tags', 'TenancyConfig', 'Timeout', 'Tracing', 'VersionDeletionPolicy',
  'VersionDescription', 'VpcConfig',
]);

/**
 * Checks the property names of every `AWS::Serverless::Function` in a template, which AWS's
 * offline validator leaves alone: each unknown name is an `ERROR` finding (rule `WSAPP001`).
 *
 * @example
 * ```ts
 * checkServerlessFunctionProperties(template); // [] when every name is known
 * ```
 */
export function checkServerlessFunctionProperties(template: JsonObject): TemplateFinding[] {
  const findings: TemplateFinding[] = [];
  const resources = template.Resources;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) return findings;
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) continue;
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const properties = resource.Properties;
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) continue;
    for (const name of Object.keys(properties)) {
      if (SERVERLESS_FUNCTION_PROPERTIES.has(name)) continue;
      findings.push({
        severity: 'ERROR',
        ruleId: 'WSAPP001',
        message: `'${name}' is not a property of AWS::Serverless::Function`,
        logicalId,
        propertyPath: `Properties.${name}`,
      });
    }
  }
  return findings;
}

/**
 * Whether a finding fails validation: `FATAL` and `ERROR` do, `WARN` and below do not.
 *
 * @example
 * ```ts
 * const failures = findings.filter(isFailure);
 * ```
 */
export function isFailure(finding: TemplateFinding): boolean {
  return finding.severity === 'FATAL' || finding.severity === 'ERROR';
}

/**
 * One line describing a finding: file, position, severity, rule, resource and message.
 *
 * @example
 * ```ts
 * formatFinding(finding, 'out/sam.json'); // 'out/sam.json:12:9 ERROR E3012 WebsocketMessage Properties.MemorySize: ...'
 * ```
 */
export function formatFinding(finding: TemplateFinding, file: string): string {
  const where = finding.line === undefined ? file : `${file}:${finding.line}:${finding.column ?? 1}`;
  const target = [finding.logicalId, finding.propertyPath].filter(Boolean).join(' ');
  return `${where} ${finding.severity} ${finding.ruleId}${target ? ` ${target}` : ''}: ${finding.message}`;
}

function findingOf(diagnostic: StandardDiagnostic): TemplateFinding {
  const finding: TemplateFinding = {
    severity: diagnostic.severity as TemplateFinding['severity'],
    ruleId: diagnostic.ruleId,
    message: diagnostic.message,
  };
  if (diagnostic.entity?.logicalId) finding.logicalId = diagnostic.entity.logicalId;
  if (diagnostic.propertyPath) finding.propertyPath = diagnostic.propertyPath;
  if (diagnostic.startLine !== undefined) finding.line = diagnostic.startLine;
  if (diagnostic.startColumn !== undefined) finding.column = diagnostic.startColumn;
  return finding;
}

/**
 * Validates CloudFormation templates offline with AWS's own validator
 * (`@aws/cloudformation-validate`) plus {@link checkServerlessFunctionProperties}. Its engine
 * takes seconds to start: create one and reuse it, then call {@link TemplateValidator.free}.
 *
 * @example
 * ```ts
 * const validator = await TemplateValidator.create();
 * try {
 *   const failures = validator.validate(text, 'sam.json').filter(isFailure);
 * } finally {
 *   validator.free();
 * }
 * ```
 */
export class TemplateValidator {
  private constructor(private readonly engine: Engine) {}

  /** Loads AWS's validator and starts its engine. */
  static async create(): Promise<TemplateValidator> {
    const module = (await import('@aws/cloudformation-validate')) as typeof import('@aws/cloudformation-validate') & {
      default?: typeof import('@aws/cloudformation-validate');
    };
    const RegoEngine = module.RegoEngine ?? module.default?.RegoEngine;
    return new TemplateValidator(new RegoEngine());
  }

  /**
   * Every finding for a template's text (JSON or YAML, told apart by `file`'s extension),
   * sorted by line. No network access: all rules and schemas ship with the package.
   */
  validate(text: string, file: string): TemplateFinding[] {
    const bytes = Buffer.from(text, 'utf8');
    const report = this.engine.validateStandard({ path: file, readBytes: () => bytes });
    const findings = report.diagnostics.map(findingOf);
    if (report.status === 'ERROR') {
      findings.push({ severity: 'FATAL', ruleId: 'WSAPP000', message: 'the validator could not analyse the template' });
    }
    findings.push(...checkServerlessFunctionProperties(parseTemplateText(text, file)));
    return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  /** Releases the engine's memory. */
  free(): void {
    this.engine.free();
  }
}

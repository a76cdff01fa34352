import { join, relative } from 'node:path';
import { Command, Option } from 'commander';
import { appFolderOf, shellWord } from '../app-folder';
import { readTemplateFile } from '@wsapp/local';
import { writeOutputAtomically } from '../atomic-output';
import { BUNDLE_FILE, bundleApp } from '../bundle';
import { policyReader, readProjectConfig, resolveStageSettings, type StageSettings } from '../config';
import { deterministicZip } from '../deployment-zip';
import { loadApp, resolveAppEntry } from '../load-app';
import { mergeTemplate } from '../merge';
import { checkMergeTemplate } from '../merge-checks';
import { resolveOutputFolder, type ProtectedFolder } from '../output-target';
import { runtimeDeprecation } from '../runtimes';
import { DEFAULT_STAGE, selectStage } from '../stage';
import { TERRAFORM_FILE, buildTerraformTemplate, serializeTerraform, terraformSummary } from '../terraform';
import {
  AUTHORIZER_LOGICAL_IDS,
  DEPLOYMENT_ZIP,
  FUNCTION_LOGICAL_IDS,
  appModelOf,
  buildSamTemplate,
  customRouteLogicalId,
  hasConnectHandler,
  heartbeatLogicalIds,
  serializeTemplate,
  templateFileName,
  type AppModel,
  type CfnTemplate,
  type JsonObject,
  type SamTemplateInput,
  type TemplateFormat,
} from '../template';
import { TemplateValidator, formatFinding, isFailure } from '../validate';

/**
 * What `wsapp package --pkg-format` writes beside `deployment.zip`: a SAM template for
 * CloudFormation (`sam.json`, `sam.yaml`), or a Terraform configuration (`wsapp.tf.json`).
 *
 * @example
 * ```ts
 * const format: PackageFormat = 'terraform';
 * ```
 */
export type PackageFormat = 'cloudformation' | 'terraform';

/**
 * The values `--pkg-format` takes, the default first.
 *
 * @example
 * ```ts
 * PACKAGE_FORMATS.includes('terraform'); // true
 * ```
 */
export const PACKAGE_FORMATS: readonly PackageFormat[] = ['cloudformation', 'terraform'];

/**
 * The options of `wsapp package`, as commander parses them.
 *
 * @example
 * ```ts
 * const options: PackageOptions = { app: '.', stage: 'dev', templateFormat: 'json', validate: true, externalAwsSdk: false, allowTypeOverride: false };
 * ```
 */
export interface PackageOptions {
  app: string;
  /** `--pkg-format`: `cloudformation` (the default, and what `wsapp deploy` packages) or `terraform`. */
  pkgFormat?: PackageFormat;
  entry?: string;
  stage: string;
  mergeTemplate?: string;
  templateFormat: TemplateFormat;
  validate: boolean;
  externalAwsSdk: boolean;
  /** Let the merge template change the `Type` of a generated resource (a warning instead of an error). */
  allowTypeOverride: boolean;
}

/** Prints a warning on stderr, where it stays visible when stdout goes to a file. */
function warn(line: string): void {
  process.stderr.write(`wsapp: warning: ${line}\n`);
}

/** A path as the user would type it from here: relative below the working folder, absolute elsewhere. */
function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') ? path : shown;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Checks the merge template against the generated one (printing its warnings), then merges them. */
function mergeChecked(generated: CfnTemplate, extension: JsonObject, file: string, allowTypeOverride: boolean): CfnTemplate {
  for (const warning of checkMergeTemplate(generated, extension, { file, allowTypeOverride })) warn(warning);
  return mergeTemplate(generated, extension);
}

/** What `wsapp package` prints about the SAM template it wrote. */
function samSummary(app: AppModel, generated: CfnTemplate): string[] {
  const functions = Object.values(FUNCTION_LOGICAL_IDS).filter((id) => generated.Resources[id] !== undefined);
  const routes = app.routes.map((route) => {
    const target =
      route.kind === 'custom' ? `${customRouteLogicalId(route.routeKey)} -> WebsocketMessage`
      : route.kind === 'heartbeat' ? `${heartbeatLogicalIds(route.routeKey).route} -> MOCK integration, answers ${route.response}`
      : '';
    return `${route.routeKey}${route.twoWay ? ' (two-way)' : ''}${target ? ` [${target}]` : ''}`;
  });
  if (app.authorizer && !hasConnectHandler(app)) {
    routes.push(`$connect [${AUTHORIZER_LOGICAL_IDS.connectRoute} -> MOCK integration, accepts what the authorizer allows]`);
  }
  const lines = [`Functions: ${functions.join(', ')}`, `Routes: ${routes.join(', ')}`];
  if (app.authorizer) {
    lines.push(
      `Authorizer: ${FUNCTION_LOGICAL_IDS.websocket_authorizer} (REQUEST, ${AUTHORIZER_LOGICAL_IDS.authorizer}) on $connect; ` +
        `identity sources: ${app.authorizer.identitySources.join(', ')}`,
    );
  }
  return lines;
}

async function validateTemplate(text: string, file: string, log: (line: string) => void): Promise<void> {
  log(`Validating ${file} offline with @aws/cloudformation-validate ...`);
  const validator = await TemplateValidator.create();
  try {
    const findings = validator.validate(text, file).filter((finding) => finding.severity !== 'INFO' && finding.severity !== 'DEBUG');
    for (const finding of findings.filter((candidate) => !isFailure(candidate))) log(`  ${formatFinding(finding, file)}`);
    const failures = findings.filter(isFailure);
    if (failures.length > 0) {
      throw new Error(
        `${file} is not valid (${failures.length} error${failures.length === 1 ? '' : 's'}); nothing was written:\n` +
          failures.map((finding) => `  ${formatFinding(finding, file)}`).join('\n'),
      );
    }
    log(`Validated ${file}: no errors`);
  } finally {
    validator.free();
  }
}

/**
 * What {@link runPackage} wrote, for a command that goes on with it (`wsapp deploy`).
 *
 * @example
 * ```ts
 * const { appName, templatePath } = await runPackage('out', options, '0.1.0');
 * ```
 */
export interface PackageResult {
  appName: string;
  settings: StageSettings;
  /** The SAM template, or with `--pkg-format terraform` the Terraform configuration (`wsapp.tf.json`). */
  templatePath: string;
  zipPath: string;
}

/**
 * Refuses, before any work, the options that only a SAM template has: Terraform output is JSON,
 * is not merged (as `chalice package` refuses `--merge-template` for Terraform) and is not
 * checked by CloudFormation Validate.
 */
function refuseTerraformOptions(options: PackageOptions): void {
  if (options.pkgFormat !== 'terraform') return;
  if (options.mergeTemplate !== undefined) {
    throw new Error(
      '--merge-template works with --pkg-format cloudformation only: Terraform output is not merged (chalice package refuses it too); ' +
        `put resources of your own, such as DynamoDB tables, in .tf or .tf.json files beside ${TERRAFORM_FILE} in OUT, ` +
        'and change generated ones with a Terraform override file such as wsapp_override.tf.json',
    );
  }
  if (options.templateFormat === 'yaml') {
    throw new Error(`--template-format yaml works with --pkg-format cloudformation only: Terraform output is JSON (${TERRAFORM_FILE}); leave --template-format out`);
  }
  if (options.validate) {
    throw new Error(
      '--validate checks a SAM template with AWS CloudFormation Validate, so it works with --pkg-format cloudformation only; ' +
        'for Terraform, run terraform init and terraform validate in OUT',
    );
  }
}

/** The file `wsapp package` writes beside `deployment.zip`, and what it prints about it once written. */
interface GeneratedFile {
  name: string;
  text: string;
  /** Printed once the output is written, before the bundle's sizes. */
  summary: string[];
  /** Printed last, after the bundle's sizes. */
  nextSteps: string[];
}

/** The SAM template: merged with `--merge-template`, validated with `--validate`. */
async function samTemplateFile(input: SamTemplateInput, options: PackageOptions, extension: JsonObject | undefined, log: (line: string) => void): Promise<GeneratedFile> {
  const generated = buildSamTemplate(input);
  const template = extension ? mergeChecked(generated, extension, options.mergeTemplate ?? '', options.allowTypeOverride) : generated;
  const name = templateFileName(options.templateFormat);
  const text = serializeTemplate(template, options.templateFormat);
  if (options.validate) await validateTemplate(text, name, log);
  return { name, text, summary: samSummary(input.app, generated), nextSteps: [] };
}

/** The Terraform configuration, and the next steps: terraform init and apply in OUT, with the user's own resources beside it. */
function terraformFile(input: SamTemplateInput, out: string): GeneratedFile {
  const config = buildTerraformTemplate(input);
  const folder = shellWord(displayPath(out));
  return {
    name: TERRAFORM_FILE,
    text: serializeTerraform(config),
    summary: terraformSummary(input.app, config, input.settings),
    nextSteps: [
      `Next: terraform -chdir=${folder} init, then terraform -chdir=${folder} apply; ` +
        `resources of your own, such as DynamoDB tables, go in .tf files beside ${TERRAFORM_FILE}`,
    ],
  };
}

/**
 * Runs `wsapp package OUT`: loads the app, builds its SAM template (merged with
 * `--merge-template`, validated with `--validate`) or, with `--pkg-format terraform`, its
 * Terraform configuration `wsapp.tf.json`, bundles it into `deployment.zip`, and writes both
 * into `OUT` atomically: the pair changes together or not at all. Every input, `OUT` included,
 * is checked before anything is written; the merge template with `checkMergeTemplate`, and the
 * options Terraform output has no use for before any work. A deprecated runtime, the config's
 * warnings and an allowed `Type` override are warnings on stderr.
 *
 * @example
 * ```ts
 * await runPackage('out', { app: '.', stage: 'dev', pkgFormat: 'terraform', templateFormat: 'json', validate: false, externalAwsSdk: false, allowTypeOverride: false }, '0.1.0');
 * ```
 */
export async function runPackage(
  out: string,
  options: PackageOptions,
  wsappVersion: string,
  log: (line: string) => void = (line) => void process.stdout.write(`${line}\n`),
): Promise<PackageResult> {
  refuseTerraformOptions(options);
  const { appDir, entry } = resolveAppEntry(options.app, options.entry);
  const protect: ProtectedFolder[] = [{ path: appDir, what: 'the app folder' }];
  resolveOutputFolder(out, protect); // refuse a bad OUT before the slow work
  const configFile = join(appDir, '.wsapp', 'config.json');
  const config = readProjectConfig(appDir);
  const stage = selectStage(config, options.stage, configFile);
  const settings = resolveStageSettings(config, stage, { readPolicy: policyReader(appDir), file: configFile });
  const deprecation = runtimeDeprecation(settings.runtime);
  if (deprecation) warn(deprecation);
  for (const warning of settings.warnings) warn(warning);
  const extension = options.mergeTemplate ? readTemplateFile(options.mergeTemplate, 'merge template') : undefined;

  const app = appModelOf(await loadApp(entry));
  log(`Packaging ${app.name} (stage ${settings.stage}) from ${displayPath(entry)}`);
  const input: SamTemplateInput = { app, settings, wsappVersion };
  const file = options.pkgFormat === 'terraform' ? terraformFile(input, out) : await samTemplateFile(input, options, extension, log);

  log(`Bundling ${relative(appDir, entry)} for ${settings.runtime}${options.externalAwsSdk ? ' (AWS SDK left to the runtime)' : ''} ...`);
  const bundle = await bundleApp({ entry, runtime: settings.runtime, externalAwsSdk: options.externalAwsSdk });
  const zip = await deterministicZip([
    { name: BUNDLE_FILE, data: bundle.code },
    { name: `${BUNDLE_FILE}.map`, data: bundle.map },
  ]);
  writeOutputAtomically(out, [{ name: DEPLOYMENT_ZIP, data: zip }, { name: file.name, data: file.text }], { protect });

  for (const line of file.summary) log(line);
  log(`Bundle: ${BUNDLE_FILE} ${kilobytes(bundle.code.byteLength)}, ${DEPLOYMENT_ZIP} ${kilobytes(zip.byteLength)}`);
  for (const line of file.nextSteps) log(line);
  return { appName: app.name, settings, templatePath: join(out, file.name), zipPath: join(out, DEPLOYMENT_ZIP) };
}

/**
 * Sorts out `wsapp package [APP_DIR] OUT`: one positional is `OUT` (the app folder is `--app`,
 * default `.`), two are `APP_DIR OUT`. Commander cannot declare an optional argument before a
 * required one, so both are declared optional and checked here.
 */
function packageArguments(command: Command, first: string | undefined, second: string | undefined): { app: string; out: string } {
  if (command.args.length > 2) {
    command.error(
      `too many arguments: wsapp package takes [APP_DIR] OUT, got ${command.args.map(shellWord).join(' ')}; ` +
        'type wsapp package APP_DIR OUT, e.g. wsapp package . out (quote a folder name that has spaces)',
    );
  }
  if (first === undefined) {
    command.error("missing required argument 'OUT': type wsapp package OUT (the app folder is . or --app DIR), e.g. wsapp package out");
  }
  if (second === undefined) return { app: String(command.getOptionValue('app')), out: first };
  return { app: appFolderOf(command, first, (dir) => `wsapp package --app ${dir} ${shellWord(second)}`), out: second };
}

/**
 * The `wsapp package` command: `wsapp package [APP_DIR] OUT`, or `--app DIR` for `APP_DIR`.
 *
 * @example
 * ```ts
 * program.addCommand(packageCommand('0.1.0'));
 * ```
 */
export function packageCommand(wsappVersion: string): Command {
  return new Command('package')
    .description(
      'Write a SAM template (sam.json or sam.yaml), or with --pkg-format terraform a Terraform configuration (wsapp.tf.json), ' +
        'and deployment.zip for the app into OUT',
    )
    .usage('[options] [APP_DIR] <OUT>')
    .argument('[APP_DIR]', 'the app folder, as --app gives it (default: .)')
    .argument('[OUT]', 'output folder (written atomically; other files in it are kept)')
    .allowExcessArguments() // to say what to type instead (packageArguments)
    .option('--app <DIR>', 'the app folder', '.')
    .option('--entry <FILE>', 'the app entry, relative to the app folder (default app.ts)')
    .option('--stage <STAGE>', 'the stage of .wsapp/config.json to package', DEFAULT_STAGE)
    .addOption(
      new Option('--pkg-format <FORMAT>', 'what to write: a SAM template for CloudFormation, or Terraform JSON (wsapp.tf.json)')
        .choices(PACKAGE_FORMATS)
        .default('cloudformation'),
    )
    .option('--merge-template <FILE>', 'a JSON or YAML template to merge into the generated one (cloudformation only)')
    .addOption(
      new Option('--template-format <FORMAT>', 'the SAM template format (cloudformation only)').choices(['json', 'yaml']).default('json'),
    )
    .option('--validate', 'validate the SAM template offline with AWS CloudFormation Validate (cloudformation only)', false)
    .option('--external-aws-sdk', 'leave @aws-sdk/* out of the bundle (the Lambda runtime provides it)', false)
    .option('--allow-type-override', "let --merge-template change the Type of a generated resource (warns)", false)
    .action(async (first: string | undefined, second: string | undefined, options: PackageOptions, command: Command) => {
      const { app, out } = packageArguments(command, first, second);
      const written = await runPackage(out, { ...options, app }, wsappVersion);
      process.stdout.write(`Wrote ${written.templatePath} and ${written.zipPath}\n`);
    });
}

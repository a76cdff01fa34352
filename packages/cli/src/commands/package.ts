import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command, Option } from 'commander';
import { appFolderOf, shellWord } from '../app-folder';
import { parseJsonText, readTemplateFile } from '@wsapp/local';
import { writeOutputAtomically } from '../atomic-output';
import { BUNDLE_FILE, bundleApp } from '../bundle';
import { readProjectConfig, resolveStageSettings, type StageSettings } from '../config';
import { deterministicZip } from '../deployment-zip';
import { loadApp, resolveAppEntry } from '../load-app';
import { mergeTemplate } from '../merge';
import { checkMergeTemplate } from '../merge-checks';
import { resolveOutputFolder, type ProtectedFolder } from '../output-target';
import { runtimeDeprecation } from '../runtimes';
import { DEFAULT_STAGE, selectStage } from '../stage';
import {
  AUTHORIZER_LOGICAL_IDS,
  DEPLOYMENT_ZIP,
  FUNCTION_LOGICAL_IDS,
  appModelOf,
  buildSamTemplate,
  customRouteLogicalId,
  hasConnectHandler,
  serializeTemplate,
  templateFileName,
  type AppModel,
  type CfnTemplate,
  type JsonObject,
  type TemplateFormat,
} from '../template';
import { TemplateValidator, formatFinding, isFailure } from '../validate';

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

function readIamPolicy(appDir: string, file: string): JsonObject {
  const path = join(appDir, '.wsapp', file);
  if (!existsSync(path)) {
    throw new Error(`autogen_policy is false but the IAM policy file is missing: .wsapp/${file} (resolved to ${path})`);
  }
  const policy = parseJsonText(readFileSync(path, 'utf8'), path);
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    throw new Error(`IAM policy file ${path} must contain a policy document object`);
  }
  return policy as JsonObject;
}

/** Checks the merge template against the generated one (printing its warnings), then merges them. */
function mergeChecked(generated: CfnTemplate, extension: JsonObject, file: string, allowTypeOverride: boolean): CfnTemplate {
  for (const warning of checkMergeTemplate(generated, extension, { file, allowTypeOverride })) warn(warning);
  return mergeTemplate(generated, extension);
}

/** What `wsapp package` prints once the output is written. */
function logSummary(log: (line: string) => void, app: AppModel, generated: CfnTemplate): void {
  const functions = Object.values(FUNCTION_LOGICAL_IDS).filter((id) => generated.Resources[id] !== undefined);
  const routes = app.routes.map((route) => {
    const target = route.kind === 'custom' ? `${customRouteLogicalId(route.routeKey)} -> WebsocketMessage` : '';
    return `${route.routeKey}${route.twoWay ? ' (two-way)' : ''}${target ? ` [${target}]` : ''}`;
  });
  if (app.authorizer && !hasConnectHandler(app)) {
    routes.push(`$connect [${AUTHORIZER_LOGICAL_IDS.connectRoute} -> MOCK integration, accepts what the authorizer allows]`);
  }
  log(`Functions: ${functions.join(', ')}`);
  log(`Routes: ${routes.join(', ')}`);
  if (app.authorizer) {
    log(
      `Authorizer: ${FUNCTION_LOGICAL_IDS.websocket_authorizer} (REQUEST, ${AUTHORIZER_LOGICAL_IDS.authorizer}) on $connect; ` +
        `identity sources: ${app.authorizer.identitySources.join(', ')}`,
    );
  }
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
  templatePath: string;
  zipPath: string;
}

/**
 * Runs `wsapp package OUT`: loads the app, builds its SAM template (merged with
 * `--merge-template`, validated with `--validate`), bundles it into `deployment.zip`, and
 * writes both into `OUT` atomically: the pair changes together or not at all. Every input,
 * `OUT` included, is checked before anything is written; the merge template with
 * `checkMergeTemplate`. A deprecated runtime and an allowed `Type` override are warnings on stderr.
 *
 * @example
 * ```ts
 * await runPackage('out', { app: '.', stage: 'dev', templateFormat: 'json', validate: false, externalAwsSdk: false, allowTypeOverride: false }, '0.1.0');
 * ```
 */
export async function runPackage(
  out: string,
  options: PackageOptions,
  wsappVersion: string,
  log: (line: string) => void = (line) => void process.stdout.write(`${line}\n`),
): Promise<PackageResult> {
  const { appDir, entry } = resolveAppEntry(options.app, options.entry);
  const protect: ProtectedFolder[] = [{ path: appDir, what: 'the app folder' }];
  resolveOutputFolder(out, protect); // refuse a bad OUT before the slow work
  const config = readProjectConfig(appDir);
  const settings = resolveStageSettings(config, selectStage(config, options.stage, join(appDir, '.wsapp', 'config.json')));
  const deprecation = runtimeDeprecation(settings.runtime);
  if (deprecation) warn(deprecation);
  const iamPolicy = settings.autogenPolicy ? undefined : readIamPolicy(appDir, settings.iamPolicyFile);
  const extension = options.mergeTemplate ? readTemplateFile(options.mergeTemplate, 'merge template') : undefined;

  const app = appModelOf(await loadApp(entry));
  log(`Packaging ${app.name} (stage ${settings.stage}) from ${displayPath(entry)}`);
  const generated = buildSamTemplate({ app, settings, wsappVersion, ...(iamPolicy ? { iamPolicy } : {}) });
  const template = extension
    ? mergeChecked(generated, extension, options.mergeTemplate ?? '', options.allowTypeOverride)
    : generated;
  const templateFile = templateFileName(options.templateFormat);
  const text = serializeTemplate(template, options.templateFormat);
  if (options.validate) await validateTemplate(text, templateFile, log);

  log(`Bundling ${relative(appDir, entry)} for ${settings.runtime}${options.externalAwsSdk ? ' (AWS SDK left to the runtime)' : ''} ...`);
  const bundle = await bundleApp({ entry, runtime: settings.runtime, externalAwsSdk: options.externalAwsSdk });
  const zip = await deterministicZip([
    { name: BUNDLE_FILE, data: bundle.code },
    { name: `${BUNDLE_FILE}.map`, data: bundle.map },
  ]);
  writeOutputAtomically(out, [{ name: DEPLOYMENT_ZIP, data: zip }, { name: templateFile, data: text }], { protect });

  logSummary(log, app, generated);
  log(`Bundle: ${BUNDLE_FILE} ${kilobytes(bundle.code.byteLength)}, ${DEPLOYMENT_ZIP} ${kilobytes(zip.byteLength)}`);
  return { appName: app.name, settings, templatePath: join(out, templateFile), zipPath: join(out, DEPLOYMENT_ZIP) };
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
    .description('Write a SAM template (sam.json or sam.yaml) and deployment.zip for the app into OUT')
    .usage('[options] [APP_DIR] <OUT>')
    .argument('[APP_DIR]', 'the app folder, as --app gives it (default: .)')
    .argument('[OUT]', 'output folder (written atomically; other files in it are kept)')
    .allowExcessArguments() // to say what to type instead (packageArguments)
    .option('--app <DIR>', 'the app folder', '.')
    .option('--entry <FILE>', 'the app entry, relative to the app folder (default app.ts)')
    .option('--stage <STAGE>', 'the stage of .wsapp/config.json to package', DEFAULT_STAGE)
    .option('--merge-template <FILE>', 'a JSON or YAML template to merge into the generated one')
    .addOption(
      new Option('--template-format <FORMAT>', 'the template format').choices(['json', 'yaml']).default('json'),
    )
    .option('--validate', 'validate the template offline with AWS CloudFormation Validate', false)
    .option('--external-aws-sdk', 'leave @aws-sdk/* out of the bundle (the Lambda runtime provides it)', false)
    .option('--allow-type-override', "let --merge-template change the Type of a generated resource (warns)", false)
    .action(async (first: string | undefined, second: string | undefined, options: PackageOptions, command: Command) => {
      const { app, out } = packageArguments(command, first, second);
      const written = await runPackage(out, { ...options, app }, wsappVersion);
      process.stdout.write(`Wrote ${written.templatePath} and ${written.zipPath}\n`);
    });
}

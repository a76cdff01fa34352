import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command, Option } from 'commander';
import { parseJsonText, readTemplateFile } from '@wsapp/local';
import { writeOutputAtomically } from '../atomic-output';
import { BUNDLE_FILE, bundleApp } from '../bundle';
import { readProjectConfig, resolveStageSettings } from '../config';
import { deterministicZip } from '../deployment-zip';
import { loadApp, resolveAppEntry } from '../load-app';
import { mergeTemplate } from '../merge';
import {
  DEPLOYMENT_ZIP,
  FUNCTION_LOGICAL_IDS,
  appModelOf,
  buildSamTemplate,
  customRouteLogicalId,
  serializeTemplate,
  templateFileName,
  type JsonObject,
  type TemplateFormat,
} from '../template';
import { TemplateValidator, formatFinding, isFailure } from '../validate';

/**
 * The options of `wsapp package`, as commander parses them.
 *
 * @example
 * ```ts
 * const options: PackageOptions = { app: '.', stage: 'dev', templateFormat: 'json', validate: true, externalAwsSdk: false };
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
 * Runs `wsapp package OUT`: loads the app, builds its SAM template (merged with
 * `--merge-template`, validated with `--validate`), bundles it into `deployment.zip`, and
 * writes both into `OUT` atomically. Every input is checked before anything is written.
 *
 * @example
 * ```ts
 * await runPackage('out', { app: '.', stage: 'dev', templateFormat: 'json', validate: false, externalAwsSdk: false }, '0.1.0');
 * ```
 */
export async function runPackage(out: string, options: PackageOptions, wsappVersion: string): Promise<void> {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  if (!/^[A-Za-z0-9_-]+$/.test(options.stage)) {
    throw new Error(`Invalid --stage ${JSON.stringify(options.stage)}: use letters, digits, - and _ only`);
  }
  const { appDir, entry } = resolveAppEntry(options.app, options.entry);
  const settings = resolveStageSettings(readProjectConfig(appDir), options.stage);
  const iamPolicy = settings.autogenPolicy ? undefined : readIamPolicy(appDir, settings.iamPolicyFile);
  const extension = options.mergeTemplate ? readTemplateFile(options.mergeTemplate, 'merge template') : undefined;

  const app = appModelOf(await loadApp(entry));
  log(`Packaging ${app.name} (stage ${settings.stage}) from ${displayPath(entry)}`);
  const generated = buildSamTemplate({ app, settings, wsappVersion, ...(iamPolicy ? { iamPolicy } : {}) });
  const template = extension ? mergeTemplate(generated, extension) : generated;
  const templateFile = templateFileName(options.templateFormat);
  const text = serializeTemplate(template, options.templateFormat);
  if (options.validate) await validateTemplate(text, templateFile, log);

  log(`Bundling ${relative(appDir, entry)} for ${settings.runtime}${options.externalAwsSdk ? ' (AWS SDK left to the runtime)' : ''} ...`);
  const bundle = await bundleApp({ entry, runtime: settings.runtime, externalAwsSdk: options.externalAwsSdk });
  const zip = await deterministicZip([
    { name: BUNDLE_FILE, data: bundle.code },
    { name: `${BUNDLE_FILE}.map`, data: bundle.map },
  ]);
  writeOutputAtomically(out, [
    { name: DEPLOYMENT_ZIP, data: zip },
    { name: templateFile, data: text },
  ]);

  const functions = Object.values(FUNCTION_LOGICAL_IDS).filter((id) => generated.Resources[id] !== undefined);
  const routes = app.routes.map((route) => {
    const target = route.kind === 'custom' ? `${customRouteLogicalId(route.routeKey)} -> WebsocketMessage` : '';
    return `${route.routeKey}${route.twoWay ? ' (two-way)' : ''}${target ? ` [${target}]` : ''}`;
  });
  log(`Functions: ${functions.join(', ')}`);
  log(`Routes: ${routes.join(', ')}`);
  log(`Bundle: ${BUNDLE_FILE} ${kilobytes(bundle.code.byteLength)}, ${DEPLOYMENT_ZIP} ${kilobytes(zip.byteLength)}`);
  log(`Wrote ${join(out, templateFile)} and ${join(out, DEPLOYMENT_ZIP)}`);
}

/**
 * The `wsapp package` command.
 *
 * @example
 * ```ts
 * program.addCommand(packageCommand('0.1.0'));
 * ```
 */
export function packageCommand(wsappVersion: string): Command {
  return new Command('package')
    .description('Write a SAM template (sam.json or sam.yaml) and deployment.zip for the app into OUT')
    .argument('<OUT>', 'output folder (written atomically; other files in it are kept)')
    .option('--app <DIR>', 'the app folder', '.')
    .option('--entry <FILE>', 'the app entry, relative to the app folder (default app.ts)')
    .option('--stage <STAGE>', 'the stage of .wsapp/config.json to package', 'dev')
    .option('--merge-template <FILE>', 'a JSON or YAML template to merge into the generated one')
    .addOption(
      new Option('--template-format <FORMAT>', 'the template format').choices(['json', 'yaml']).default('json'),
    )
    .option('--validate', 'validate the template offline with AWS CloudFormation Validate', false)
    .option('--external-aws-sdk', 'leave @aws-sdk/* out of the bundle (the Lambda runtime provides it)', false)
    .action((out: string, options: PackageOptions) => runPackage(out, options, wsappVersion));
}

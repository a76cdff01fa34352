import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteChangeSetCommand, ExecuteChangeSetCommand, type Parameter, type Tag } from '@aws-sdk/client-cloudformation';
import { withAwsClients, type AwsAccess, type AwsClients } from '../aws/aws-clients';
import { attempt } from '../aws/aws-errors';
import { keyValues } from '../aws/key-values';
import { CommandFailure } from '../cli-errors';
import type { CommandIo } from '../command-io';
import { runPackage, type PackageResult } from '../commands/package';
import { parseJsonText } from '@wsapp/local';
import type { CfnTemplate } from '../template';
import { followOperation } from '../stack/follow-operation';
import { StackEventReader } from '../stack/stack-events';
import { defaultStackName, describeStack } from '../stack/stack-state';
import { deployedResourceLines } from '../stack/stack-outputs';
import { resolveArtifactBucket } from './artifact-bucket';
import { TEMPLATE_BODY_LIMIT, objectUrl, uploadArtifact } from './artifact-upload';
import { changeSetLines, createChangeSet, isDestructive, type ChangeSetRequest, type ChangeSetResult } from './change-set';
import { pointCodeAt } from './code-uri';
import { prepareStack } from './prepare-stack';

/**
 * The options of `wsapp deploy`, as commander parses them.
 *
 * @example
 * ```ts
 * const options: DeployOptions = { app: '.', stage: 'dev', execute: true, yes: false };
 * ```
 */
export interface DeployOptions extends AwsAccess {
  app: string;
  entry?: string;
  stage: string;
  mergeTemplate?: string;
  stackName?: string;
  bucket?: string;
  parameterOverrides?: string[];
  tags?: string[];
  /** False with `--no-execute`: create and show the change set only. */
  execute: boolean;
  /** Execute a change set that removes or replaces resources without asking. */
  yes: boolean;
  externalAwsSdk?: boolean;
}

async function packageInto(folder: string, options: DeployOptions, wsappVersion: string, io: CommandIo): Promise<PackageResult> {
  return runPackage(
    folder,
    {
      app: options.app,
      ...(options.entry ? { entry: options.entry } : {}),
      stage: options.stage,
      ...(options.mergeTemplate ? { mergeTemplate: options.mergeTemplate } : {}),
      templateFormat: 'json',
      validate: false,
      externalAwsSdk: options.externalAwsSdk ?? false,
      allowTypeOverride: false,
    },
    wsappVersion,
    io.out,
  );
}

/**
 * The parameters of the change set: the `--parameter-overrides`, and for every other parameter
 * the stack has and the new template keeps, its previous value (as `aws cloudformation deploy`
 * does), so that a deploy without overrides does not put parameters back to their defaults.
 */
function changeSetParameters(overrides: Parameter[], templateKeys: readonly string[], previousKeys: readonly string[]): Parameter[] {
  const given = new Set(overrides.map((parameter) => parameter.ParameterKey));
  const kept = previousKeys.filter((key) => templateKeys.includes(key) && !given.has(key));
  return [...overrides, ...kept.map((ParameterKey) => ({ ParameterKey, UsePreviousValue: true }))];
}

async function uploadAndPoint(clients: AwsClients, bucket: string, packaged: PackageResult, io: CommandIo): Promise<{ template: ChangeSetRequest['template']; parameterKeys: string[] }> {
  const zip = await uploadArtifact(clients, bucket, packaged.appName, readFileSync(packaged.zipPath), '.zip');
  io.out(zip.uploaded ? `Uploaded deployment.zip to s3://${bucket}/${zip.key}` : `deployment.zip is already in s3://${bucket}/${zip.key}: not uploaded again`);
  const packagedTemplate = parseJsonText(readFileSync(packaged.templatePath, 'utf8'), packaged.templatePath) as CfnTemplate;
  const body = `${JSON.stringify(pointCodeAt(packagedTemplate, `s3://${bucket}/${zip.key}`), null, 2)}\n`;
  const parameterKeys = Object.keys((packagedTemplate.Parameters as Record<string, unknown> | undefined) ?? {});
  if (Buffer.byteLength(body) <= TEMPLATE_BODY_LIMIT) return { template: { TemplateBody: body }, parameterKeys };
  const uploaded = await uploadArtifact(clients, bucket, packaged.appName, Buffer.from(body), '.template', 'application/json');
  io.out(`The template is over ${TEMPLATE_BODY_LIMIT} bytes: CloudFormation reads it from s3://${bucket}/${uploaded.key}`);
  return { template: { TemplateURL: objectUrl(uploaded, clients.region, clients.endpoints.s3) }, parameterKeys };
}

function interruptedBeforeExecute(stackName: string): CommandFailure {
  return new CommandFailure(`Interrupted before anything changed: stack ${stackName} was not touched`, 130);
}

async function confirmed(changes: Parameters<typeof isDestructive>[0], options: DeployOptions, io: CommandIo): Promise<boolean> {
  if (options.yes || !isDestructive(changes) || io.confirm === undefined) return true;
  return io.confirm('This change set removes or replaces resources (data in them may be lost). Execute it?');
}

interface DeployRun {
  clients: AwsClients;
  options: DeployOptions;
  io: CommandIo;
  stackName: string;
  stage: string;
}

async function printOutputs(run: DeployRun, outputs?: Record<string, string>): Promise<void> {
  const shown = outputs ?? (await describeStack(run.clients.cloudFormation, run.stackName))?.outputs ?? {};
  for (const line of deployedResourceLines(shown)) run.io.out(line);
}

/** Shows the change set, then executes it (when allowed) and follows the stack until it settles. */
async function executeChangeSet(run: DeployRun, changeSet: Extract<ChangeSetResult, { kind: 'ready' }>, type: ChangeSetRequest['type']): Promise<void> {
  const { clients, io, stackName } = run;
  io.out(`Change set ${changeSet.name} (${type === 'CREATE' ? 'a new stack' : 'an update'}):`);
  for (const line of changeSetLines(changeSet.changes)) io.out(line);
  if (!run.options.execute) {
    io.out(`Not executed (--no-execute). Execute it with: aws cloudformation execute-change-set --change-set-name ${changeSet.id}`);
    return;
  }
  const discard = async (failure: CommandFailure): Promise<never> => {
    await attempt('cloudformation:DeleteChangeSet', () => clients.cloudFormation.send(new DeleteChangeSetCommand({ ChangeSetName: changeSet.id })));
    throw failure;
  };
  if (io.interrupted.aborted) await discard(interruptedBeforeExecute(stackName));
  if (!(await confirmed(changeSet.changes, run.options, io))) {
    await discard(io.interrupted.aborted ? interruptedBeforeExecute(stackName) : new CommandFailure(`Not deployed: the change set was deleted and stack ${stackName} is unchanged`, 1));
  }
  const reader = new StackEventReader(clients.cloudFormation, stackName);
  await reader.baseline();
  await attempt('cloudformation:ExecuteChangeSet', () => clients.cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.id })));
  const logsCommand = `wsapp logs --stage ${run.stage}${run.options.stackName ? ` --stack-name ${run.options.stackName}` : ''}`;
  const final = await followOperation(clients, reader, { verb: 'deploying', stackName, logsCommand }, io);
  await printOutputs(run, final?.outputs);
}

/** Everything after packaging: the stack, the bucket, the upload, the change set. */
async function deployPackaged(run: DeployRun, packaged: PackageResult, parameters: Parameter[], tags: Tag[]): Promise<void> {
  const { clients, io, stackName } = run;
  io.out(`Deploying stack ${stackName} to ${clients.region}`);
  const prepared = await prepareStack(clients.cloudFormation, stackName, io.pacer, io.out, io.interrupted);
  const bucket = await resolveArtifactBucket(clients, { flag: run.options.bucket, config: packaged.settings.deploymentBucket }, io.pacer, io.out);
  const { template, parameterKeys } = await uploadAndPoint(clients, bucket, packaged, io);
  if (io.interrupted.aborted) throw interruptedBeforeExecute(stackName);
  const request: ChangeSetRequest = {
    stackName,
    type: prepared.changeSetType,
    template,
    parameters: changeSetParameters(parameters, parameterKeys, prepared.state?.parameterKeys ?? []),
    tags,
  };
  const changeSet = await createChangeSet(clients.cloudFormation, request, io.pacer, new Date(io.pacer.now()));
  if (changeSet.kind === 'ready') return executeChangeSet(run, changeSet, prepared.changeSetType);
  io.out(`No changes: stack ${stackName} is already up to date`);
  await printOutputs(run);
}

/**
 * Runs `wsapp deploy`: packages the app exactly as `wsapp package` does (into a temporary
 * folder, so a bad merge template stops it before anything is uploaded), uploads
 * `deployment.zip` to the artifact bucket under its content hash, creates a change set,
 * shows it, executes it and follows the stack's events until it settles, then prints the
 * Lambda ARNs and the `wss://` URL. "No changes" is a success.
 *
 * @example
 * ```ts
 * await runDeploy({ app: '.', stage: 'dev', execute: true, yes: false }, '0.1.0', processIo());
 * ```
 */
export async function runDeploy(options: DeployOptions, wsappVersion: string, io: CommandIo): Promise<void> {
  const parameters = keyValues(options.parameterOverrides, '--parameter-overrides').map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
  const tags = keyValues(options.tags, '--tags').map(([Key, Value]) => ({ Key, Value }));
  await withAwsClients(options, io, async (clients) => {
    const workDir = mkdtempSync(join(tmpdir(), 'wsapp-deploy-'));
    try {
      const packaged = await packageInto(join(workDir, 'out'), options, wsappVersion, io);
      const stackName = options.stackName ?? defaultStackName(packaged.appName, packaged.settings.stage);
      await deployPackaged({ clients, options, io, stackName, stage: packaged.settings.stage }, packaged, parameters, tags);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
}

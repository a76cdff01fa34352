import { Command } from 'commander';
import type { DeployOptions } from '../deploy/run-deploy';
import { withAwsOptions, withProcessIo } from './aws-options';

/**
 * The `wsapp deploy` command.
 *
 * @example
 * ```ts
 * program.addCommand(deployCommand('0.1.0'));
 * ```
 */
export function deployCommand(wsappVersion: string): Command {
  return withAwsOptions(new Command('deploy'))
    .description('Package the app and deploy it to AWS with CloudFormation; prints the Lambda ARNs and the wss:// URL')
    .option('--merge-template <FILE>', 'a JSON or YAML template to merge into the generated one')
    .option('--bucket <NAME>', 'the S3 bucket for the deployment package (default: deployment_bucket, else a managed bucket)')
    .option('--parameter-overrides <KEY=VALUE...>', 'template parameters')
    .option('--tags <KEY=VALUE...>', 'tags for the stack and its resources')
    .option('--no-execute', 'create and show the change set, but do not execute it')
    .option('--yes', 'execute a change set that removes or replaces resources without asking', false)
    .option('--external-aws-sdk', 'leave @aws-sdk/* out of the bundle (the Lambda runtime provides it)', false)
    .action((options: DeployOptions) => withProcessIo(async (io) => (await import('../deploy/run-deploy')).runDeploy(options, wsappVersion, io)));
}

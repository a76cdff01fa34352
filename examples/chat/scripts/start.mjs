// `pnpm chat`: runs the chat example on the local gateway, its table on the embedded DynamoDB,
// until Ctrl-C. Loopback only: dummy credentials, no instance metadata, every endpoint local.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const appDir = join('examples', 'chat');
const port = process.env.PORT ?? '8000';

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'wsapp-local',
  AWS_SECRET_ACCESS_KEY: 'wsapp-local',
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};
delete env.AWS_PROFILE;
delete env.AWS_SESSION_TOKEN;

const child = spawn(
  process.execPath,
  [
    join('packages', 'cli', 'bin', 'wsapp.js'),
    'local',
    appDir,
    '--merge-template',
    join(appDir, 'resources.json'),
    '--port',
    port,
  ],
  { cwd: root, env, stdio: ['inherit', 'pipe', 'inherit'] },
);

let announced = false;
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const url = announced ? undefined : /\bws:\/\/\S+/.exec(String(chunk))?.[0];
  if (!url) return;
  announced = true;
  process.stdout.write(
    [
      '',
      'Chat is running. Connect from two terminals and follow the tutorial:',
      `  wsdump ${url}          (Debian/Ubuntu: sudo apt install python3-websocket)`,
      `  npx wscat -c ${url}`,
      'Your first message is your nickname; then type /help. Ctrl-C stops the server.',
      '',
    ].join('\n'),
  );
});

// Ctrl-C reaches the whole process group, so wsapp local already has it: it closes every
// connection, runs $disconnect for each and exits. Wait for that (a second SIGINT would cut it
// short). SIGTERM is sent to this process alone, so pass it on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

// `pnpm chat`: runs the chat example on the local gateway, its table on the embedded DynamoDB,
// and its browser page (web/, built first) on the same port, until Ctrl-C. Loopback only: dummy
// credentials, no instance metadata, every endpoint local.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChatPage } from '../web/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const appDir = join('examples', 'chat');
const port = process.env.PORT ?? '8000';
const pageDir = await buildChatPage();

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
    '--static',
    pageDir,
  ],
  { cwd: root, env, stdio: ['inherit', 'pipe', 'inherit'] },
);

// wsapp local's output until it has printed both URLs (then undefined: announced).
let startup = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  if (startup === undefined) return;
  startup += String(chunk);
  const url = /\bws:\/\/\S+/.exec(startup)?.[0];
  const pageUrl = /\bPage:\s+(http:\/\/\S+)/.exec(startup)?.[1];
  if (!url || !pageUrl) return;
  startup = undefined;
  process.stdout.write(
    [
      '',
      'Chat is running. Open the page in two browser tabs:',
      `  Chat page: ${pageUrl}`,
      'Or connect from two terminals and follow the tutorial:',
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
// 'close', not 'exit': it comes after wsapp local's last output lines have been passed on.
child.on('close', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

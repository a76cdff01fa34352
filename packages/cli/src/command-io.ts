import { pacerFromEnv, type Pacer } from './aws/polling';
import type { LiveTerminal } from './stack/live-event-view';

/**
 * What a command that talks to AWS uses of its process: the environment, where lines go, a
 * terminal when stdout is one (for the live view and the confirmation prompt), the pacer
 * that times its polling, and a signal that aborts on Ctrl-C. Tests pass their own.
 *
 * @example
 * ```ts
 * await runUrl(options, processIo());
 * ```
 */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  /** Present when stdout is a terminal. */
  terminal?: LiveTerminal;
  /** Asks a yes/no question on the terminal (Ctrl-C there aborts `interrupted`); absent when there is none to ask on. */
  confirm?(question: string): Promise<boolean>;
  pacer: Pacer;
  /** Aborts when the user presses Ctrl-C (SIGINT) while the command runs. */
  interrupted: AbortSignal;
}

/** Asks on the terminal; Ctrl-C at the prompt (which readline takes, not the process) is `interrupt`, then no. */
async function askOnTerminal(question: string, interrupt: () => void): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    process.stdout.write('\n');
    interrupt();
    return false;
  } finally {
    prompt.close();
  }
}

/**
 * The {@link CommandIo} of the real process. While it is in use, Ctrl-C aborts
 * `interrupted` instead of killing the process, so the command can say what goes on in AWS;
 * a second Ctrl-C exits at once (status 130). `release` puts the default back.
 *
 * @example
 * ```ts
 * const io = processIo();
 * try { await runDeploy(options, version, io); } finally { io.release(); }
 * ```
 */
export function processIo(): CommandIo & { release(): void } {
  const pacer = pacerFromEnv(process.env);
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  const tty = process.stdout.isTTY === true && process.stdin.isTTY === true;
  return {
    env: process.env,
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    ...(process.stdout.isTTY
      ? { terminal: { write: (text: string) => void process.stdout.write(text), columns: () => process.stdout.columns, rows: () => process.stdout.rows } }
      : {}),
    ...(tty ? { confirm: (question: string) => askOnTerminal(question, () => controller.abort()) } : {}),
    pacer,
    interrupted: controller.signal,
    release: () => void process.off('SIGINT', onInterrupt),
  };
}

import { InvalidArgumentError } from 'commander';
import type { GatewayLimits } from '@wsapp/local';

/**
 * Options of `wsapp local`, as commander parses them. Times are in seconds.
 *
 * @example
 * ```ts
 * const options: LocalOptions = { app: '.', port: 0, host: '127.0.0.1', stage: 'dev', timeout: 29, idleTimeout: 600, maxDuration: 7200, allowedHost: [] };
 * ```
 */
export interface LocalOptions {
  /** `--app DIR` (or the positional `APP_DIR`): the app folder. */
  app: string;
  port: number;
  host: string;
  /** The stage of `.wsapp/config.json`: its `api_gateway_stage` is the URL path, its `environment_variables` the handlers'. */
  stage: string;
  mergeTemplate?: string;
  persist?: string;
  entry?: string;
  /** `--static DIR`: a folder served over HTTP on the same port (`/` is its `index.html`). */
  static?: string;
  /** `--timeout`: the integration timeout. */
  timeout: number;
  /** `--idle-timeout`: a connection without data frames from its client for this long is closed. */
  idleTimeout: number;
  /** `--max-duration`: every connection is closed after this long. */
  maxDuration: number;
  /** `--allowed-host`, once per value: more `Host` headers the gateway answers. */
  allowedHost: string[];
}

/** The longest delay a Node timer takes (2^31 - 1 ms); a longer one would fire at once. */
const MAX_SECONDS = Math.floor(2_147_483_647 / 1000);

/**
 * API Gateway's fixed values for the three times, which AWS does not let a WebSocket API raise.
 *
 * @example
 * ```ts
 * API_GATEWAY_SECONDS.timeout; // 29
 * ```
 */
export const API_GATEWAY_SECONDS = Object.freeze({ timeout: 29, idleTimeout: 600, maxDuration: 7200 });

/**
 * Parses `--port`: a whole number from 0 (a free port) to 65535.
 *
 * @example
 * ```ts
 * parsePort('8000'); // 8000
 * ```
 */
export function parsePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('Use a whole number from 0 to 65535 (0 picks a free port).');
  }
  return port;
}

/**
 * Parses a time in seconds (`--timeout`, `--idle-timeout`, `--max-duration`): a number above 0
 * such as `29` or `0.5`, at most what a Node timer can wait.
 *
 * @example
 * ```ts
 * parseSeconds('0.5'); // 0.5
 * ```
 */
export function parseSeconds(value: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(Math.round(seconds * 1000) >= 1) || seconds > MAX_SECONDS) {
    throw new InvalidArgumentError(`Use a number of seconds above 0 and at most ${MAX_SECONDS} (about 24 days), such as 29 or 0.5.`);
  }
  return seconds;
}

/**
 * Collects `--allowed-host`, given once per host: a name or address, optionally with `:port`
 * (IPv6 in brackets). The gateway applies the same rule; checking here makes a typo an option
 * error before anything starts.
 *
 * @example
 * ```ts
 * collectAllowedHost('myapp.test:8000', []); // ['myapp.test:8000']
 * ```
 */
export function collectAllowedHost(value: string, previous: string[]): string[] {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(value);
  const port = match?.[2] === undefined ? 1 : Number(match[2]);
  if (!match || port < 1 || port > 65535) {
    throw new InvalidArgumentError('Use a host name or address, optionally with :port, such as myapp.test or myapp.test:8000.');
  }
  return [...previous, value];
}

/**
 * The gateway limits for the three time options, and a warning for each one set above API
 * Gateway's value (allowed locally, e.g. to step through a handler in a debugger, but never
 * what AWS does).
 *
 * @example
 * ```ts
 * const { limits, warnings } = gatewayTimes({ timeout: 60, idleTimeout: 600, maxDuration: 7200 });
 * limits.integrationTimeoutMs; // 60000
 * ```
 */
export function gatewayTimes(options: Pick<LocalOptions, 'timeout' | 'idleTimeout' | 'maxDuration'>): {
  limits: Pick<GatewayLimits, 'integrationTimeoutMs' | 'idleTimeoutMs' | 'maxConnectionDurationMs'>;
  warnings: string[];
} {
  const rows = [
    ['--timeout', options.timeout, API_GATEWAY_SECONDS.timeout, "maximum integration timeout: on AWS the client gets the Internal server error frame after 29 s"],
    ['--idle-timeout', options.idleTimeout, API_GATEWAY_SECONDS.idleTimeout, 'idle timeout: on AWS an idle connection is closed after 600 s'],
    ['--max-duration', options.maxDuration, API_GATEWAY_SECONDS.maxDuration, 'maximum connection duration: on AWS every connection is closed after 7200 s'],
  ] as const;
  const warnings = rows
    .filter(([, seconds, aws]) => seconds > aws)
    .map(([flag, seconds, aws, what]) => `${flag} ${seconds} is longer than API Gateway's ${aws} s ${what}`);
  const ms = (seconds: number): number => Math.round(seconds * 1000);
  return {
    limits: {
      integrationTimeoutMs: ms(options.timeout),
      idleTimeoutMs: ms(options.idleTimeout),
      maxConnectionDurationMs: ms(options.maxDuration),
    },
    warnings,
  };
}

import { networkInterfaces } from 'node:os';
import type { HeaderLine } from '../gateway/handshake';

/**
 * A `Host` header (or an `allowedHosts` entry) taken apart: the name in lower case (an IPv6
 * address keeps its brackets) and the port, when one is given.
 *
 * @example
 * ```ts
 * const authority: HostAuthority = { name: '[::1]', port: 8000 };
 * ```
 */
export interface HostAuthority {
  name: string;
  port?: number;
}

/**
 * Takes a `host` or `host:port` apart (`[v6]` and `[v6]:port` for IPv6); undefined when it is
 * not one: empty, a URL, a path, a port out of range.
 *
 * @example
 * ```ts
 * parseAuthority('LocalHost:8000'); // { name: 'localhost', port: 8000 }
 * parseAuthority('[::1]');          // { name: '[::1]' }
 * parseAuthority('http://x');       // undefined
 * ```
 */
export function parseAuthority(text: string): HostAuthority | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(text.trim());
  if (!match) return undefined;
  const name = (match[1] as string).toLowerCase();
  if (match[2] === undefined) return { name };
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { name, port } : undefined;
}

/** The names a loopback or wildcard bind answers to, whatever interface they reach. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

function bracketed(address: string): string {
  return address.includes(':') ? `[${address.toLowerCase()}]` : address.toLowerCase();
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Every address of this machine's interfaces, IPv6 in brackets (read anew each time: they change). */
function interfaceNames(): string[] {
  return Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((entry) => bracketed(entry.address)));
}

/**
 * Which `Host` headers a server answers; see {@link hostPolicy}.
 *
 * @example
 * ```ts
 * if (!policy.allows(req.headers.host)) refuse(hostRefusal(req.headers.host, policy));
 * ```
 */
export interface HostPolicy {
  allows(header: string | undefined): boolean;
  /** What it answers, for the refusal: `127.0.0.1:8000, localhost:8000 or [::1]:8000`. */
  readonly answered: string;
}

/**
 * The `allowedHosts` entries taken apart; throws, naming the entry, when one is not a `host` or
 * `host:port`.
 *
 * @example
 * ```ts
 * parseAllowedHosts(['myapp.test', 'Other.Test:8443']); // [{ name: 'myapp.test' }, { name: 'other.test', port: 8443 }]
 * ```
 */
export function parseAllowedHosts(allowedHosts: readonly string[]): HostAuthority[] {
  return allowedHosts.map((entry) => {
    const parsed = typeof entry === 'string' ? parseAuthority(entry) : undefined;
    if (!parsed) {
      throw new Error(
        `Invalid allowedHosts entry ${JSON.stringify(entry)}: use a host name or address, optionally with :port (e.g. 'myapp.test' or 'myapp.test:8000')`,
      );
    }
    return parsed;
  });
}

/**
 * Decides which `Host` headers a server bound to `bindHost:port` answers (the defence against
 * DNS rebinding, where a page on an attacker's name reaches a local server):
 *
 * - the bind address itself, and for a loopback bind `127.0.0.1`, `localhost` and `[::1]`;
 * - for a wildcard bind (`0.0.0.0`, `::`) those and every address of the machine's interfaces;
 * - each with the bound port, or without a port (a name no attacker can point elsewhere);
 * - and each `allowedHosts` entry: `name` (with any port or none) or `name:port` (that port only).
 *
 * Names compare case-insensitively. Throws when an `allowedHosts` entry is not a `host` or
 * `host:port`.
 *
 * @example
 * ```ts
 * const policy = hostPolicy('127.0.0.1', 8000, ['myapp.test']);
 * policy.allows('localhost:8000');     // true
 * policy.allows('myapp.test:3000');    // true
 * policy.allows('evil.example:8000');  // false
 * ```
 */
export function hostPolicy(bindHost: string, port: number, allowedHosts: readonly string[] = []): HostPolicy {
  const extra = parseAllowedHosts(allowedHosts);
  const bind = bracketed(bindHost.replace(/^\[|\]$/g, ''));
  const wildcard = WILDCARD_BINDS.has(bind);
  const own = [...new Set([...(wildcard || isLoopback(bindHost) ? LOOPBACK_NAMES : []), bind])];
  const listed = [...own.map((name) => `${name}:${port}`), ...allowedHosts];
  const answered = `${listed.slice(0, -1).join(', ')}${listed.length > 1 ? ' or ' : ''}${listed.at(-1)}${wildcard ? ", or an address of this machine's interfaces" : ''}`;
  return {
    answered,
    allows(header) {
      const asked = header === undefined ? undefined : parseAuthority(header);
      if (!asked) return false;
      if (extra.some((entry) => entry.name === asked.name && (entry.port === undefined || entry.port === asked.port))) return true;
      if (asked.port !== undefined && asked.port !== port) return false;
      return own.includes(asked.name) || (wildcard && interfaceNames().includes(asked.name));
    },
  };
}

/**
 * The 403 for a request whose `Host` the gateway does not answer, saying how to allow it. Sent
 * before anything else runs: no file is read, no handler invoked.
 *
 * @example
 * ```ts
 * const refusal = hostRefusal(req.headers.host, policy);
 * writeRawResponse(socket, refusal.status, refusal.headers, refusal.body);
 * ```
 */
export function hostRefusal(header: string | undefined, policy: HostPolicy): { status: 403; headers: HeaderLine[]; body: string } {
  const name = parseAuthority(header ?? '')?.name;
  const refused = header === undefined ? 'Forbidden: a request without a Host header is not allowed' : `Forbidden: Host ${header} is not allowed`;
  const hint = name
    ? `to allow it, pass allowedHosts: ['${name}'] to startLocalGateway (wsapp local --allowed-host ${name})`
    : 'to allow another host, add it to allowedHosts of startLocalGateway (wsapp local --allowed-host NAME)';
  return {
    status: 403,
    headers: [['Content-Type', 'application/json'], ['x-amzn-ErrorType', 'ForbiddenException']],
    body: JSON.stringify({ message: `${refused}; this gateway answers ${policy.answered} (a check against DNS rebinding); ${hint}` }),
  };
}

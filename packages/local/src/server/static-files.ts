import { existsSync, realpathSync, statSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The `content-type` sent for each file extension; anything else is `application/octet-stream`.
 *
 * @example
 * ```ts
 * STATIC_CONTENT_TYPES['.js']; // 'text/javascript; charset=utf-8'
 * ```
 */
export const STATIC_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Answers one HTTP request from a static folder. Returns false, without answering, for methods
 * other than GET and HEAD (the caller answers those); otherwise it answers and returns true.
 *
 * @example
 * ```ts
 * const serveStatic = staticFileHandler('web/dist');
 * createServer((req, res) => { if (!serveStatic(req, res)) res.writeHead(405).end(); });
 * ```
 */
export type StaticFileHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Whether `path` is `root` or lies inside it (both absolute and normalised). */
function isInside(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest);
}

/**
 * Whether `path` lies inside `root` with no dotfile or dot-folder (`.git`, `.env`) on the way:
 * those are never served, whatever the folder holds.
 */
function isServable(root: string, path: string): boolean {
  return isInside(root, path) && !relative(root, path).split(sep).some((part) => part.startsWith('.'));
}

/** The file a URL path names inside `root`, or undefined when the path is malformed or leaves `root`. */
function fileForPath(root: string, url: string): string | undefined {
  const rawPath = url.split(/[?#]/, 1)[0] ?? '/';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (!path.startsWith('/') || path.includes('\0')) return undefined;
  const file = resolve(join(root, path));
  return isServable(root, file) ? file : undefined;
}

/**
 * The real path of a regular file to serve for `file` (a folder serves its `index.html`), or
 * undefined when there is none, or it lies outside `root` or in a dot-folder (through a
 * symbolic link).
 */
async function servableFile(root: string, file: string): Promise<string | undefined> {
  try {
    let found = await realpath(file);
    if ((await stat(found)).isDirectory()) found = await realpath(join(found, 'index.html'));
    if (!isServable(root, found) || !(await stat(found)).isFile()) return undefined;
    return found;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'ELOOP') return undefined;
    throw error;
  }
}

function answer(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': String(body.length), 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function answerText(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  answer(req, res, status, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from(`${text}\n`, 'utf8'));
}

/**
 * Serves the files of `dir` for GET and HEAD requests: `/` is `index.html` (and so is any
 * folder's path), each file goes with its {@link STATIC_CONTENT_TYPES | content type} and
 * `cache-control: no-cache`, a missing file, a path outside `dir` (`/../secret`, a symbolic
 * link pointing out) and any dotfile or dot-folder (`/.env`, `/.git/config`, `/%2egit/config`,
 * a link to one) is a 404. Throws at once when `dir` is not a folder.
 *
 * @example
 * ```ts
 * const serveStatic = staticFileHandler('examples/chat/web/dist');
 * const server = createServer((req, res) => {
 *   if (!serveStatic(req, res)) res.writeHead(405).end();
 * });
 * ```
 */
export function staticFileHandler(dir: string): StaticFileHandler {
  const resolved = resolve(dir);
  if (!existsSync(resolved) || !statSync(resolved).isDirectory()) {
    throw new Error(`Cannot find the static folder: ${dir} (resolved to ${resolved})`);
  }
  const root = realpathSync(resolved);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    const requested = fileForPath(root, url);
    const found = requested === undefined ? Promise.resolve(undefined) : servableFile(root, requested);
    found
      .then(async (file) => {
        if (file === undefined) return answerText(req, res, 404, `Not found: ${url}`);
        const type = STATIC_CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
        answer(req, res, 200, { 'content-type': type, 'cache-control': 'no-cache' }, await readFile(file));
      })
      .catch((error: unknown) => {
        console.error(`wsapp local gateway: cannot serve ${url}: ${error instanceof Error ? error.message : String(error)}`);
        if (res.headersSent) res.destroy();
        else answerText(req, res, 500, 'Internal server error');
      });
    return true;
  };
}

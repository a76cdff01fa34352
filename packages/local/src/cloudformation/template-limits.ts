/**
 * The limits of the one template reader ({@link readTemplateFile} and {@link parseTemplateText}),
 * which keep a hostile or mistaken template from hanging or exhausting `wsapp`:
 *
 * - `maxBytes`: the largest template text, in UTF-8 bytes. CloudFormation itself accepts
 *   templates of at most 1 MB, so nothing larger could be deployed anyway.
 * - `maxAliasValues`: how many values YAML aliases (`*name`) may expand to, in total, in one
 *   document. Ordinary anchors for shared tags or properties stay far below it; an alias bomb
 *   ("billion laughs": aliases of aliases of aliases) reaches it within milliseconds instead of
 *   expanding to billions of values.
 *
 * @example
 * ```ts
 * import { TEMPLATE_LIMITS } from '@wsapp/local';
 *
 * TEMPLATE_LIMITS.maxBytes; // 1048576
 * ```
 */
export const TEMPLATE_LIMITS = {
  maxBytes: 1024 * 1024,
  maxAliasValues: 100_000,
} as const;

/**
 * A byte count for messages: `512 bytes`, `1.5 MiB`.
 *
 * @example
 * ```ts
 * formatBytes(1024 * 1024); // '1 MiB'
 * ```
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;
}

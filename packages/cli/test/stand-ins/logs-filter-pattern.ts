/**
 * Whether `message` matches a FilterLogEvents `filterPattern`, for simple patterns only: one
 * or more terms (bare words or "quoted phrases"), all of which must occur in the message,
 * case-sensitively. Any other pattern (JSON `{ … }`, space-delimited `[ … ]`, `?` alternatives,
 * `-` exclusions, `%regex%`) is ignored: every message matches it.
 */
export function standInFilterPatternMatches(pattern: string | undefined, message: string): boolean {
  const trimmed = (pattern ?? '').trim();
  if (trimmed === '' || /^[{[%]/.test(trimmed)) return true;
  const terms = trimmed.match(/"[^"]*"|\S+/g) ?? [];
  if (terms.some((term) => /^[?-]/.test(term))) return true;
  return terms.map((term) => (term.startsWith('"') ? term.slice(1, -1) : term)).every((term) => message.includes(term));
}

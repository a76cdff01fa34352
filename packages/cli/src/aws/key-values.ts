/**
 * Parses `K=V` words (`--parameter-overrides`, `--tags`) into pairs; the value may contain
 * `=`, the key may not be empty. An error names the flag and the word.
 *
 * @example
 * ```ts
 * keyValues(['Env=prod', 'Owner=team=a'], '--tags'); // [['Env', 'prod'], ['Owner', 'team=a']]
 * ```
 */
export function keyValues(words: readonly string[] | undefined, flag: string): Array<[string, string]> {
  return (words ?? []).map((word) => {
    const at = word.indexOf('=');
    if (at <= 0) throw new Error(`${flag} takes KEY=VALUE words, got ${JSON.stringify(word)}; e.g. ${flag} Stage=prod`);
    return [word.slice(0, at), word.slice(at + 1)];
  });
}

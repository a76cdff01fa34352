// Checks shared by each package's public-API test: every export documented with an @example,
// and no `any` in the published declarations.
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';

/** The declarations behind every export of an entry file. */
export function exportedDeclarations(entry: string): Array<{ name: string; declaration: ts.Declaration }> {
  if (!existsSync(entry)) throw new Error(`No such entry: ${entry}`);
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    resolveJsonModule: true,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!);
  if (!moduleSymbol) return [];
  return checker.getExportsOfModule(moduleSymbol).flatMap((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return (target.declarations ?? []).map((declaration) => ({ name: symbol.name, declaration }));
  });
}

/** The names of an entry's exports whose TSDoc has no `@example`. */
export function exportsWithoutExample(entry: string): string[] {
  return exportedDeclarations(entry)
    .filter(({ declaration }) => {
      // A `const X = ...` carries its doc comment on the variable statement.
      const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
      return !ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'example');
    })
    .map(({ name }) => name);
}

/** Offsets of every `any` keyword in a declaration file. */
export function anyKeywordsIn(file: string): number[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, readFileSync(file, 'utf8'));
  const anyAt: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.AnyKeyword) anyAt.push(scanner.getTokenPos());
  }
  return anyAt;
}

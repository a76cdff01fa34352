import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const packageRoot = join(__dirname, '..');
const entries = ['src/index.ts', 'src/local/index.ts', 'src/testing/index.ts'].map((file) => join(packageRoot, file));

function exportedDeclarations(entry: string): Array<{ name: string; declaration: ts.Declaration }> {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
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

function hasExample(declaration: ts.Declaration): boolean {
  // A `const X = ...` carries its doc comment on the variable statement.
  const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'example');
}

describe('the public API of @wsapp/framework', () => {
  it.each(entries)('documents every export of %s with TSDoc that has an @example', (entry) => {
    const exported = exportedDeclarations(entry);
    const undocumented = exported.filter(({ declaration }) => !hasExample(declaration)).map(({ name }) => name);
    expect(undocumented).toEqual([]);
  });

  it('leaks no `any` into the published type declarations', () => {
    const declarationFiles = ['dist/index.d.ts', 'dist/local/index.d.ts', 'dist/testing/index.d.ts'].map((file) => join(packageRoot, file));
    expect(declarationFiles.filter((file) => !existsSync(file))).toEqual([]); // built by `pnpm build`
    for (const file of declarationFiles) {
      const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, readFileSync(file, 'utf8'));
      const anyAt: number[] = [];
      for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
        if (kind === ts.SyntaxKind.AnyKeyword) anyAt.push(scanner.getTokenPos());
      }
      expect({ file, anyAt }).toEqual({ file, anyAt: [] });
    }
  });
});

// Rewrites every `<!-- include: FILE[#region] -->` code block in the docs from its source file.
// Usage: npx tsx scripts/sync-doc-snippets.ts        (run from the repository root)
import { checkSnippets } from '../docs/test/snippets';

const { count, drifted } = checkSnippets(process.cwd(), { write: true });
console.log(`${count} snippet blocks, ${drifted.length} rewritten`);
for (const line of drifted) console.log(`  ${line}`);

// Compiles the servers under test to plain JavaScript before they are timed, because `npm start`
// runs compiled code too (dist/, from tsc). Run through the tsx loader instead, every closure pays for
// esbuild's keep-names helper and every stack trace for a source-map lookup: a cost that falls most
// on our server, the one with the most code on the request path (a few percent of its CPU per request).
// All three servers are compiled the same way, file by file (no bundling), into .data/bench/compiled,
// keeping the tree below the repository root so that relative imports resolve as in the sources.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
/** Where the compiled servers are written (git-ignored with the rest of .data). */
export const COMPILED_DIR = join(ROOT, '.data', 'bench', 'compiled');

const typescriptFiles = (dir: string) =>
  readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));

/** Compiles src/ and bench/ (with the example operations the server reads); returns the compiled bench/serve.ts. */
export async function compileServers(): Promise<string> {
  rmSync(COMPILED_DIR, { recursive: true, force: true });
  await build({
    entryPoints: [...typescriptFiles('src'), ...typescriptFiles('bench')],
    outdir: COMPILED_DIR,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'src', 'examples'), join(COMPILED_DIR, 'src', 'examples'), { recursive: true });
  return join(COMPILED_DIR, 'bench', 'serve.js');
}

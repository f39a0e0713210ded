// npm run dashboard:build (npm install runs it too, as `prepare`): bundles dashboard/ with esbuild into
// dashboard/dist: minified scripts and styles with content-hashed names (cytoscape in a chunk of its own,
// loaded only by the views that draw graphs), index.html naming them, and a .gz sibling of each file for
// the server to send to clients that accept gzip. Prints each file's raw and gzip size.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'dashboard');
/** Where the server reads the dashboard from (src/http/dashboard.ts). */
export const OUT_DIR = join(SOURCE, 'dist');
/** The URL path index.html refers to the files by. */
const PUBLIC_PATH = '/dashboard';

/** One written file with its sizes in bytes; `firstLoad` when the overview needs it before anything shows. */
export interface BuiltAsset {
  file: string;
  raw: number;
  gzip: number;
  firstLoad: boolean;
}

/** The files a page load fetches before it can show anything: the entry and what it imports statically. */
function firstLoadFiles(metafile: Metafile, entry: string): Set<string> {
  const needed = new Set<string>();
  const visit = (file: string) => {
    if (needed.has(file)) return;
    needed.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return needed;
}

function outputOf(metafile: Metafile, entryPoint: string): string {
  const found = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === entryPoint);
  if (!found) throw new Error(`esbuild wrote nothing for ${entryPoint}`);
  return found[0];
}

/** Builds dashboard/dist from scratch and returns what it wrote. */
export async function buildDashboard(): Promise<BuiltAsset[]> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'dashboard/src/main.ts', styles: 'dashboard/styles.css' },
    outdir: OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: ['es2022', 'chrome111', 'firefox115', 'safari16'],
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  });
  const script = outputOf(result.metafile, 'dashboard/src/main.ts');
  const styles = outputOf(result.metafile, 'dashboard/styles.css');
  const template = readFileSync(join(SOURCE, 'index.html'), 'utf8');
  const html = template
    .replace(`${PUBLIC_PATH}/main.js`, `${PUBLIC_PATH}/${basename(script)}`)
    .replace(`${PUBLIC_PATH}/styles.css`, `${PUBLIC_PATH}/${basename(styles)}`);
  if (html.includes(`${PUBLIC_PATH}/main.js`) || html.includes(`${PUBLIC_PATH}/styles.css`) || html === template) {
    throw new Error('dashboard/index.html must load /dashboard/main.js and /dashboard/styles.css');
  }
  writeFileSync(join(OUT_DIR, 'index.html'), html);
  const firstLoad = firstLoadFiles(result.metafile, script);
  const written = [join(OUT_DIR, 'index.html'), ...Object.keys(result.metafile.outputs).map((file) => join(ROOT, file))];
  return written.map((path) => {
    const content = readFileSync(path);
    const gzipped = gzipSync(content, { level: 9 });
    writeFileSync(`${path}.gz`, gzipped);
    const file = relative(ROOT, path);
    return {
      file,
      raw: content.length,
      gzip: gzipped.length,
      firstLoad: path.endsWith('index.html') || path.endsWith('.css') || firstLoad.has(file),
    };
  });
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The size table `npm run dashboard:build` prints. */
export function sizeReport(assets: BuiltAsset[]): string {
  const width = Math.max(...assets.map((asset) => asset.file.length)) + 2;
  const row = (name: string, raw: string, gzip: string, note = '') =>
    `${name.padEnd(width)}${raw.padStart(10)}${gzip.padStart(12)}  ${note}`;
  const sum = (list: BuiltAsset[], key: 'raw' | 'gzip') => list.reduce((total, asset) => total + asset[key], 0);
  const first = assets.filter((asset) => asset.firstLoad);
  return [
    row('file', 'raw', 'gzip'),
    ...assets.map((asset) => row(asset.file, kB(asset.raw), kB(asset.gzip), asset.firstLoad ? '' : 'loaded when a graph is drawn')),
    row('first load (overview)', kB(sum(first, 'raw')), kB(sum(first, 'gzip'))),
    row('all files', kB(sum(assets, 'raw')), kB(sum(assets, 'gzip'))),
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const assets = await buildDashboard();
  process.stdout.write(`built ${relative(process.cwd(), OUT_DIR)}/ (served at /dashboard):\n${sizeReport(assets)}\n`);
}

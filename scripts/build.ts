// npm run build: compiles src/ to dist/ (same depth below the repository root, so paths relative to a
// module resolve alike) and copies what the server reads at run time (the playground's example tabs).
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
cpSync('src/examples', 'dist/examples', { recursive: true });
process.stdout.write('built dist/ (run it with NODE_ENV=production npm start)\n');

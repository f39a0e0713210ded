// npm start: with NODE_ENV=production, the compiled server (dist/, from `npm run build`); otherwise the
// TypeScript sources through tsx, so a fresh clone needs no build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs), 0);
}

if (process.env.NODE_ENV === 'production') {
  const compiled = new URL('dist/server.js', root);
  if (!existsSync(compiled)) {
    process.stderr.write('NODE_ENV=production runs the compiled server, and dist/server.js is missing: run `npm run build` first\n');
    process.exit(1);
  }
  // A checkout whose sources changed after the build would otherwise run the old code silently.
  if (newest(fileURLToPath(new URL('src', root))) > statSync(compiled).mtimeMs) {
    process.stderr.write('warning: src/ changed after the last build; dist/ runs the old code until `npm run build`\n');
  }
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('src/server.ts', root).href);
}

// npm start: with NODE_ENV=production, the compiled server (dist/, from `npm run build`); otherwise the
// TypeScript sources through tsx, so a fresh clone needs no build step.
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
if (process.env.NODE_ENV === 'production') {
  const compiled = new URL('dist/server.js', root);
  if (!existsSync(compiled)) {
    process.stderr.write('NODE_ENV=production runs the compiled server, and dist/server.js is missing: run `npm run build` first\n');
    process.exit(1);
  }
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('src/server.ts', root).href);
}

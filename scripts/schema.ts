// npm run schema:print | schema:check: prints the SDL from the code, or fails when schema/schema.graphql is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';

const target = new URL('../schema/schema.graphql', import.meta.url);
const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // a missing file is stale too
  }
  if (current !== sdl) {
    process.stderr.write('schema/schema.graphql is stale: run `npm run schema:print` and commit it\n');
    process.exit(1);
  }
  process.stdout.write('schema/schema.graphql is up to date\n');
} else {
  writeFileSync(target, sdl);
  process.stdout.write('wrote schema/schema.graphql\n');
}

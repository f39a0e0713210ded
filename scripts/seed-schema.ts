// npm run seed:schema [-- --check]: writes (or checks) seed-data/document.schema.json from the zod format.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedJsonSchema } from '../src/seed/format.js';
import { SEED_DIR } from '../src/seed/load.js';

const target = join(SEED_DIR, 'document.schema.json');
const text = `${JSON.stringify(seedJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    process.stderr.write('seed-data/document.schema.json is stale: run `npm run seed:schema`\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}

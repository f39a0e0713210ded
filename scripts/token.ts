// npm run token [-- name] [--scopes read+write]: makes a new API key and prints it with the API_KEYS entry
// that accepts it. Only the key's SHA-256 goes into the configuration; the key itself is shown once.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashApiKey } from '../src/http/auth.js';

const { values, positionals } = parseArgs({ options: { scopes: { type: 'string', default: 'read+write' } }, allowPositionals: true });
const name = positionals[0] ?? 'analyst';
if (!/^[\w.-]+$/.test(name)) throw new Error(`the key's name must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(name)})`);
if (!/^(read|write)(\+(read|write))*$/.test(values.scopes))
  throw new Error(`--scopes must be read, write or read+write (got ${JSON.stringify(values.scopes)})`);
const key = `kg_${randomBytes(24).toString('base64url')}`;
process.stdout.write(`API key (send as "Authorization: Bearer <key>"; shown only now):\n  ${key}\n`);
process.stdout.write(
  `Add to the server's configuration (comma-separate several):\n  API_KEYS=${name}:${values.scopes}:${hashApiKey(key)}\n`,
);

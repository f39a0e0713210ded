// npm run seed [-- file.json ...]: creates constraints and indexes, then loads seed documents (seed-data/
// by default) through the same path as `npm run ingest` and the ingestDocument mutation.
import { runCommand } from './ingest.js';

runCommand('seed', process.argv.slice(2));

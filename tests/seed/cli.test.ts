import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ownCounts, removeSource, testExecutor } from '../helpers/graph.js';
import { smallDocument } from '../helpers/writes.js';

const run = promisify(execFile);
const executor = testExecutor();
const dir = mkdtempSync(join(tmpdir(), 'kg-ingest-'));
const SOURCE = 'cli-test-doc';

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeSource(executor, SOURCE);
  await executor.close();
});

/** Writes a document and its text next to each other, as the seed format expects. */
function writeDocument(name: string, doc: { document: Record<string, unknown>; text: string }): string {
  const source = doc.document.source as { file: string };
  writeFileSync(join(dir, source.file), doc.text);
  writeFileSync(join(dir, name), JSON.stringify(doc.document));
  return join(dir, name);
}

/** Runs `npm run ingest -- files` (the script itself) against the test Neo4j; never throws. */
async function ingestCommand(files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    NEO4J_URI: inject('neo4jUri'),
    NEO4J_USER: inject('neo4jUser'),
    NEO4J_PASSWORD: inject('neo4jPassword'),
    LOG_LEVEL: 'warn',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...files], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run ingest', () => {
  it('refuses a bad file with its JSON path and writes nothing, even beside a good one', async () => {
    const good = writeDocument('good.json', smallDocument(SOURCE));
    const broken = smallDocument('cli-test-broken', { speaker: 'cli-test-nobody' });
    const bad = writeDocument('bad.json', broken);
    const before = await ownCounts(executor, 'cli-test');
    const result = await ingestCommand([good, bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'ingest failed: bad.json: $.statements[0].speakers[0]: unknown entity "cli-test-nobody" (not in these documents nor in the database)\nnothing was written (all documents rejected)\n',
    );
    expect(await ownCounts(executor, 'cli-test')).toEqual(before);
  });

  it('loads a file with a summary, and a second run finds it unchanged', async () => {
    const file = writeDocument('good.json', smallDocument(SOURCE));
    const first = await ingestCommand([file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('good.json: loaded 1 entities, 0 relationships, 1 statements, 0 claims, 3 evidence spans\n');
    expect(first.stdout).toMatch(/^1 documents: 1 written, 0 unchanged, 0 rejected; entities: 1 created, 0 matched stored ones; /m);
    const second = await ingestCommand([file]);
    expect(second.stdout).toContain('good.json: unchanged (already loaded), nothing written\n');
    expect(second.stdout).toMatch(/^1 documents: 0 written, 1 unchanged, 0 rejected; entities: 0 created, 1 matched stored ones; /m);
  });
});

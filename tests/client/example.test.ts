import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { postGraphQL } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';

const MANIFEST = 'examples/client/src/gql/persisted-documents.json';
const run = (command: string, args: string[]) => spawnSync(process.execPath, [command, ...args], { encoding: 'utf8', timeout: 120_000 });
/** Runs a script without blocking this process (the server under test answers from it). */
const runAsync = (command: string, args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, [command, ...args], { encoding: 'utf8', timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ status: child.exitCode, stdout, stderr }),
    );
  });

// The client example is generated from schema/schema.graphql and compiled as a user would, then run
// against a server that accepts only the operations of its manifest.
describe('examples/client', () => {
  let app: RunningApp;
  beforeAll(async () => {
    const generated = run('node_modules/@graphql-codegen/cli/cjs/bin.js', ['--config', 'examples/client/codegen.ts']);
    expect(generated.status, generated.stderr).toBe(0);
    const compiled = run('node_modules/typescript/bin/tsc', ['-p', 'examples/client']);
    expect(compiled.status, compiled.stdout).toBe(0);
    app = await startTestServer({ PERSISTED_OPERATIONS_FILE: MANIFEST, PERSISTED_OPERATIONS_ONLY: 'true' });
  }, 180_000);
  afterAll(() => app?.close());

  it('builds a manifest of its three operations, keyed by the hash of each', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
    expect(
      Object.values(manifest)
        .map((text) => /^query (\w+)/.exec(text)?.[1])
        .sort(),
    ).toEqual(['ClientConnection', 'ClientEstimates', 'ClientOfficialsSaid']);
  });

  it('answers its three questions by hash alone, typed from the published schema', async () => {
    const answered = await runAsync('examples/client/dist/main.js', [app.url]);
    expect(answered.stderr).toBe('');
    expect(answered.status).toBe(0);
    const lines = answered.stdout.trim().split('\n');
    expect(lines[0]).toBe("North Korea's officials: 3 statements; the first 3:");
    expect(lines).toContain('Kim Jong Gyu to Volodymyr Zelensky: 5 hops');
    expect(lines).toContain('- North Korea SUPPLIES Russia [ALLEGED]');
    expect(lines).toContain('Troop estimates: 2');
    expect(lines.filter((line) => /^- (12000|3000) troops: .*\(conflicts with 1\)$/.test(line))).toHaveLength(2);
  });

  it('leaves any other operation refused (PERSISTED_OPERATIONS_ONLY), and an unknown hash named as such', async () => {
    const arbitrary = await postGraphQL(app.url, '{ __typename }');
    expect(arbitrary.status).toBe(400);
    expect(arbitrary.json?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'sha256:0000' } } }),
    });
    expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });
});

describe('PERSISTED_OPERATIONS_FILE', () => {
  it('with an operation the schema does not have, stops start-up naming the file and the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-manifest-'));
    const file = join(dir, 'stale.json');
    writeFileSync(file, JSON.stringify({ 'sha256:abc': 'query Old { entity(id: "x") { removedField } }' }));
    try {
      await expect(startTestServer({ PERSISTED_OPERATIONS_FILE: file })).rejects.toThrow(
        `PERSISTED_OPERATIONS_FILE: ${file}: operation "sha256:abc" does not fit this schema: Cannot query field "removedField" on type "Entity".`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without PERSISTED_OPERATIONS_ONLY, also runs operations sent as text', async () => {
    const app = await startTestServer({ PERSISTED_OPERATIONS_FILE: MANIFEST });
    try {
      expect((await postGraphQL(app.url, '{ __typename }')).json).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await app.close();
    }
  });
});

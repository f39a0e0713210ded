import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalNeo4jError, startLocalNeo4j } from '../../src/neo4j/local.js';

describe('local Neo4j launcher errors name their cause', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-launcher-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reports a taken port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(startLocalNeo4j({ dataDir, port, onProgress: () => {} })).rejects.toThrow(
        `port ${port} on 127.0.0.1 is already taken`,
      );
    } finally {
      blocker.close();
    }
  });

  it('reports a missing java', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(dataDir, 'empty-bin');
    try {
      const attempt = startLocalNeo4j({ dataDir, onProgress: () => {} });
      await expect(attempt).rejects.toBeInstanceOf(LocalNeo4jError);
      await expect(attempt).rejects.toThrow('`java` was not found on PATH');
    } finally {
      process.env.PATH = path;
    }
  });

  it('reports a start-up timeout with the tail of the log', async () => {
    const attempt = startLocalNeo4j({ dataDir, startTimeoutMs: 300, onProgress: () => {} });
    await expect(attempt).rejects.toThrow(/start-up timed out after 300 ms[\s\S]*tail of Neo4j's log/);
  });
});

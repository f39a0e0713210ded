import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAUNCHER_DIR, LocalNeo4jError, startLocalNeo4j } from '../../src/neo4j/local.js';
import { isAlive } from '../helpers/wait.js';

describe('local Neo4j launcher', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-launcher-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reports a taken port', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(startLocalNeo4j({ dataDir, port, onProgress: () => {} })).rejects.toThrow(`port ${port} on 127.0.0.1 is already taken`);
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

  it('reports a missing mvn when the launcher still has to be built', async () => {
    // A copy of the launcher's sources with no build, and a PATH that has java but not mvn.
    const launcherDir = join(dataDir, 'launcher');
    cpSync(join(LAUNCHER_DIR, 'pom.xml'), join(launcherDir, 'pom.xml'));
    cpSync(join(LAUNCHER_DIR, 'src'), join(launcherDir, 'src'), { recursive: true });
    const bin = join(dataDir, 'java-only-bin');
    mkdirSync(bin);
    const java = spawnSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(realpathSync(java), join(bin, 'java'));
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      await expect(startLocalNeo4j({ dataDir, launcherDir, onProgress: () => {} })).rejects.toThrow('`mvn` was not found on PATH');
    } finally {
      process.env.PATH = path;
    }
  });

  it('stops Neo4j when the process that started it dies, leaving no orphaned JVM', async () => {
    const script = `import { startLocalNeo4j } from './src/neo4j/local.ts';
      const neo4j = await startLocalNeo4j({ dataDir: ${JSON.stringify(join(dataDir, 'orphan'))}, heapMb: 256, pageCacheMb: 16, onProgress: () => {} });
      process.stdout.write('PID ' + neo4j.pid + '\\n');
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const match = /PID (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      parent.once('exit', () => reject(new Error(`parent exited early: ${out}`)));
    });
    expect(isAlive(pid)).toBe(true);
    parent.kill('SIGKILL');
    const deadline = Date.now() + 60_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(isAlive(pid)).toBe(false);
  });

  it('reports a start-up timeout with the tail of the log', async () => {
    const attempt = startLocalNeo4j({ dataDir, startTimeoutMs: 300, onProgress: () => {} });
    await expect(attempt).rejects.toThrow(/start-up timed out after 300 ms[\s\S]*tail of Neo4j's log/);
  });
});

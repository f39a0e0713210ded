import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'log-lines.ts');
const TSX = join(import.meta.dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Starts the fixture; `line` resolves with the fixture's line, parsed. */
function firstLine(mode: 'linger' | 'exit') {
  const child = spawn(process.execPath, [TSX, FIXTURE, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const line = new Promise<{ json: Record<string, unknown> }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const text = output.split('\n').find((candidate) => candidate.includes('log-lines-fixture'));
      if (text) resolve({ json: JSON.parse(text) as Record<string, unknown> });
    });
    child.once('exit', (code) =>
      setTimeout(() => reject(new Error(`exited ${code} without the line; stdout ${output} stderr ${stderr}`)), 100),
    );
  });
  return { child, line };
}

describe('logger', () => {
  it('writes a buffered line out while the process keeps running (within the flush interval)', async () => {
    const { child, line } = firstLine('linger');
    try {
      const { json } = await line;
      expect(json).toMatchObject({ level: 'info', msg: 'one line', marker: 'log-lines-fixture', service: 'kg-graphql' });
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('loses no buffered line when the process exits at once', async () => {
    const { child, line } = firstLine('exit');
    const { json } = await line;
    expect(json).toMatchObject({ level: 'info', msg: 'one line' });
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    expect(child.exitCode).toBe(0);
  });
});

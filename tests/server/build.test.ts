import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/server-command.js';
import { postGraphQL } from '../helpers/http.js';
import { startServerProcess } from '../helpers/process.js';

describe('the production build', () => {
  beforeAll(() => buildServer(), 120_000);

  let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  it('is what `npm start` runs with NODE_ENV=production, and it answers', async () => {
    server = await startServerProcess({ NODE_ENV: 'production' });
    const ready = server
      .output()
      .split('\n')
      .find((line) => line.includes('GraphQL ready at'));
    expect(JSON.parse(ready ?? '{}')).toMatchObject({ code: 'compiled', node: process.version });
    const answer = await postGraphQL(server.url, '{ entity(id: "north-korea") { name kind } }');
    expect(answer.json).toEqual({ data: { entity: { name: 'North Korea', kind: 'COUNTRY' } } });
    // Readiness answers too (the example tabs the server reads at start-up were copied next to the code, or it would not have started).
    expect((await fetch(new URL('/ready', server.url))).status).toBe(200);
  });

  it('warns when the sources changed after the build, and still runs the build', () => {
    const root = mkdtempSync(join(tmpdir(), 'kg-stale-build-'));
    try {
      cpSync('scripts/start.js', join(root, 'scripts', 'start.js'));
      mkdirSync(join(root, 'dist'));
      writeFileSync(join(root, 'dist', 'server.js'), "process.stdout.write('compiled server ran\\n');\n");
      mkdirSync(join(root, 'src', 'graph'), { recursive: true });
      writeFileSync(join(root, 'src', 'graph', 'edited.ts'), 'export {};\n');
      utimesSync(join(root, 'dist', 'server.js'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      const result = spawnSync(process.execPath, [join(root, 'scripts', 'start.js')], {
        env: { ...process.env, NODE_ENV: 'production' },
        encoding: 'utf8',
      });
      expect(result.status).toBe(0);
      expect(result.stderr).toBe('warning: src/ changed after the last build; dist/ runs the old code until `npm run build`\n');
      expect(result.stdout).toBe('compiled server ran\n');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('is asked for by name when missing: NODE_ENV=production without dist/ stops with the command to run', () => {
    const root = mkdtempSync(join(tmpdir(), 'kg-no-build-'));
    try {
      cpSync('scripts/start.js', join(root, 'scripts', 'start.js'));
      const result = spawnSync(process.execPath, [join(root, 'scripts', 'start.js')], {
        env: { ...process.env, NODE_ENV: 'production' },
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        'NODE_ENV=production runs the compiled server, and dist/server.js is missing: run `npm run build` first\n',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

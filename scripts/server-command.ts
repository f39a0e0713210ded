// How `npm start` runs the server (package.json "start" spells the same; tests/config.unit.test.ts keeps
// them equal), shared by the scripts that start it as a process: load test, start-up timing, bench.
import { spawnSync } from 'node:child_process';

/**
 * Node flags of the server. A larger young generation (64 MB semi-spaces instead of 16) makes
 * scavenges rarer: each request allocates its records and its answer, and with 16 MB the collector
 * ran often enough to cost 10-25% of throughput on the entity shapes of `npm run bench` (2026-11-28).
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=64'] as const;

/** The arguments of `node` that start the server from the repository root (compiled with NODE_ENV=production, else through tsx). */
export const SERVER_COMMAND_ARGS = [...SERVER_NODE_ARGS, 'scripts/start.js'];

/** Compiles the server (`npm run build`) for a script that runs it with NODE_ENV=production, so it measures the current sources. */
export function buildServer(): void {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error(`npm run build failed (exit ${built.status ?? 'signal'})`);
}

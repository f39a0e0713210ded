// npm run load [-- --connections 200 --duration 60 --warmup 10]: autocannon on loopback against the
// server in its own process, cycling through the GraphiQL example questions. Prints and saves
// (bench-results/load-<time>.local.json) req/s, latency p50/p99, errors, non-2xx, GraphQL errors and
// the server's RSS at the start and the end of the run. Targets: no errors, no non-2xx, RSS within 20%.
// Uses a throw-away embedded Neo4j unless NEO4J_URI is set.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { findFreePort } from '../src/neo4j/local.js';
import { readExamples } from '../src/yoga.js';
import { buildServer, SERVER_COMMAND_ARGS } from './server-command.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);

// Production runs the compiled server: build it from the current sources first.
buildServer();
const port = await findFreePort();
const dataDir = process.env.NEO4J_URI ? undefined : mkdtempSync(join(tmpdir(), 'kg-load-'));
const server = spawn(process.execPath, SERVER_COMMAND_ARGS, {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...(dataDir ? { NEO4J_LOCAL_DATA_DIR: dataDir } : {}),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const url = `http://127.0.0.1:${port}/graphql`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Resident set size of the server process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Math.round(Number(match?.[1] ?? 0) / 1024);
}

async function waitReady(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('server not ready in time');
}

const examples = readExamples();
let graphqlErrors = 0;
// Set by the request callbacks (declared wide, so the checker does not narrow it to null here).
let firstError = null as string | null;
const requests = examples.map((example) => ({
  method: 'POST' as const,
  path: '/graphql',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ query: example.query }),
  onResponse: (status: number, body: string) => {
    if (!body.includes('"errors"')) return;
    graphqlErrors += 1;
    firstError ??= `${status} ${body.slice(0, 300)}`;
  },
}));

function fire(seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: seconds, requests, timeout: 30 });
}

try {
  await waitReady(180_000);
  const pid = server.pid ?? 0;
  process.stdout.write(`warming up: ${connections} connections for ${warmup} s\n`);
  await fire(warmup);
  graphqlErrors = 0;
  firstError = null as string | null;
  // RSS moves with the garbage collector's rhythm (a saw-tooth of several seconds): one sample a
  // second, and the medians of the first and second half of the run are compared (a leak moves the
  // median; a collection does not).
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMiB(pid)), 1_000);
  process.stdout.write(`running: ${connections} connections for ${duration} s, ${examples.length} example queries in turn\n`);
  const result = await fire(duration);
  clearInterval(sampler);
  const half = Math.max(1, Math.floor(samples.length / 2));
  const rssBefore = median(samples.slice(0, half));
  const rssAfter = median(samples.slice(-half));
  const summary = {
    when: new Date().toISOString(),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    neo4j: process.env.NEO4J_URI ? 'external' : 'embedded',
    connections,
    durationS: duration,
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    firstError,
    rssMiB: {
      firstHalfMedian: rssBefore,
      secondHalfMedian: rssAfter,
      max: Math.max(...samples),
      growthPercent: Math.round(((rssAfter - rssBefore) / rssBefore) * 1000) / 10,
      samples,
    },
  };
  const verdict =
    summary.errors === 0 &&
    summary.timeouts === 0 &&
    summary.non2xx === 0 &&
    graphqlErrors === 0 &&
    Math.abs(summary.rssMiB.growthPercent) <= 20;
  process.stdout.write(
    [
      `requests ${summary.requests}  ${summary.reqPerSec} req/s  p50 ${summary.latencyMs.p50} ms  p99 ${summary.latencyMs.p99} ms  max ${summary.latencyMs.max} ms`,
      `errors ${summary.errors}  timeouts ${summary.timeouts}  non-2xx ${summary.non2xx}  GraphQL errors ${graphqlErrors}${firstError ? `, first: ${firstError}` : ''}`,
      `server RSS (median of first / second half) ${rssBefore} MiB -> ${rssAfter} MiB (${summary.rssMiB.growthPercent}%), max ${summary.rssMiB.max} MiB`,
      verdict ? 'targets met: no errors, no non-2xx, RSS within 20%' : 'TARGETS MISSED',
    ].join('\n') + '\n',
  );
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/load-${summary.when.replace(/[:.]/g, '-')}.local.json`;
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`saved ${file}\n`);
  process.exitCode = verdict ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

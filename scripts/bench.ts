// npm run bench: GraphQL throughput and latency of representative queries, over HTTP on loopback,
// against the embedded Neo4j (or NEO4J_URI). Bounded: a short warm-up and 5 s per query.
// Prints a table and saves bench-results/<time>.local.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const QUERIES: Record<string, string> = {
  'entity by alias + officials': '{ entity(name: "Pyongyang") { name ... on Country { officials { title person { name } } } } }',
  '20 entities + relationships + statements': `{ entities(first: 20) { totalCount edges { node { name
      relationships(first: 10) { edges { node { type other { name } evidence { quote } } } }
      statements { edges { node { summary speakers { name } } } } } } } }`,
  'shortest paths (k=3)': '{ path(from: "kim-jong-gyu", to: "volodymyr-zelensky", k: 3) { length hops { type from { name } to { name } } } }',
  'full-text search': '{ search(query: "defense pact") { score highlight entity { name } statement { summary } } }',
  'troop estimates + conflicts': '{ claims(measure: "nk-troops-in-russia") { edges { node { proposition quantity { value } conflictsWith { slug } stances { stance statement { speakers { name } } } } } } }',
  timeline: '{ timeline { kind date { display } statement { summary } event { name } } }',
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function run(url: string, query: string): Promise<{ requests: number; rps: number; p50: number; p95: number }> {
  const body = JSON.stringify({ query });
  const once = async () => {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await response.json()) as { errors?: unknown };
    if (json.errors) throw new Error(`query failed: ${JSON.stringify(json.errors)}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 20; i++) await once();
  const latencies: number[] = [];
  const deadline = performance.now() + DURATION_MS;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) latencies.push(await once());
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, rps: Math.round(latencies.length / elapsed), p50: +percentile(latencies, 50).toFixed(1), p95: +percentile(latencies, 95).toFixed(1) };
}

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
const app = await startApp(config, createLogger('warn'));
try {
  const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
  for (const [name, query] of Object.entries(QUERIES)) {
    results[name] = await run(app.url, query);
    const r = results[name];
    process.stdout.write(`${name.padEnd(44)} ${String(r.rps).padStart(6)} req/s   p50 ${String(r.p50).padStart(6)} ms   p95 ${String(r.p95).padStart(6)} ms\n`);
  }
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/${new Date().toISOString().replace(/[:.]/g, '-')}.local.json`;
  writeFileSync(file, `${JSON.stringify({ concurrency: CONCURRENCY, durationMs: DURATION_MS, neo4j: config.neo4j.mode, results }, null, 2)}\n`);
  process.stdout.write(`saved ${file} (concurrency ${CONCURRENCY}, ${DURATION_MS} ms per query)\n`);
} finally {
  await app.close();
}

// How `npm start` runs the server (package.json "start" spells the same; tests/config.test.ts keeps
// them equal), shared by the scripts that start it as a process: load test, start-up timing, bench.

/**
 * Node flags of the server. A larger young generation (64 MB semi-spaces instead of 16) makes
 * scavenges rarer: each request allocates its records and its answer, and with 16 MB the collector
 * ran often enough to cost 10-25% of throughput (docs/benchmarks.md).
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=64', '--import', 'tsx'] as const;

/** The arguments of `node` that start the server from the repository root. */
export const SERVER_COMMAND_ARGS = [...SERVER_NODE_ARGS, 'src/server.ts'];

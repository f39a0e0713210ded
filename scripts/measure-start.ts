// npm run measure:start [-- --cold]: times `npm start` from launch to "GraphQL ready", then a graceful stop.
// --cold rebuilds the Neo4j launcher with an empty Maven repository (so Neo4j's jars are downloaded)
// and starts on an empty data folder (so the database is created and seeded).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAUNCHER_DIR } from '../src/neo4j/local.js';
import { SERVER_COMMAND_ARGS } from './server-command.js';

const cold = process.argv.includes('--cold');
const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
delete env.NEO4J_URI;
const scratch = mkdtempSync(join(tmpdir(), 'kg-measure-'));
if (cold) {
  rmSync(join(LAUNCHER_DIR, 'target'), { recursive: true, force: true });
  env.MAVEN_OPTS = `${env.MAVEN_OPTS ?? ''} -Dmaven.repo.local=${join(scratch, 'm2')}`.trim();
  env.NEO4J_LOCAL_DATA_DIR = join(scratch, 'neo4j');
}

const started = performance.now();
const child = spawn(process.execPath, SERVER_COMMAND_ARGS, { env, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
const readyMs = await new Promise<number>((resolve, reject) => {
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.includes('GraphQL ready at')) resolve(performance.now() - started);
  });
  child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
});
const stopping = performance.now();
child.kill('SIGTERM');
const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
const stopMs = performance.now() - stopping;
rmSync(scratch, { recursive: true, force: true });
const result = { mode: cold ? 'cold' : 'warm', readyMs: Math.round(readyMs), stopMs: Math.round(stopMs), exitCode: code };
process.stdout.write(`${JSON.stringify(result)}\n`);

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the Maven project that runs Neo4j in-process. */
export const LAUNCHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../neo4j-local');

/** Where the launcher's sources and build live. */
function launcherPaths(dir: string) {
  return {
    dir,
    jar: join(dir, 'target', 'neo4j-local.jar'),
    lib: join(dir, 'target', 'lib'),
    plugins: join(dir, 'target', 'plugins'),
    sources: [join(dir, 'pom.xml'), join(dir, 'src/main/java/dev/kg/neo4j/Main.java')],
  };
}

/** Why the local Neo4j could not be started; the message names the cause. */
export class LocalNeo4jError extends Error {
  override readonly name = 'LocalNeo4jError';
}

export interface LocalNeo4jOptions {
  /** Bolt port; a free one is chosen when omitted. */
  port?: number | undefined;
  /** Neo4j home: data and logs live here and persist between runs. */
  dataDir: string;
  heapMb?: number;
  pageCacheMb?: number;
  startTimeoutMs?: number;
  /**
   * "quick" limits the JVM to its first JIT tier: it starts sooner but runs queries slower
   * (for tests); "full" (the default) is for serving.
   */
  jit?: 'full' | 'quick';
  /** Progress messages (building, starting); defaults to stderr. */
  onProgress?: (message: string) => void;
  /** The launcher's Maven project; defaults to this repository's neo4j-local/. */
  launcherDir?: string;
}

/** A running embedded Neo4j. */
export interface LocalNeo4j {
  uri: string;
  port: number;
  pid: number;
  /** Shuts Neo4j down cleanly (closes its stdin), killing it if it does not exit in time. */
  stop(): Promise<void>;
  /** Calls `listener` if the JVM exits without stop() having been called (it crashed or was killed). */
  onUnexpectedExit(listener: (description: string) => void): void;
}

/** Starts Neo4j Community in a child JVM with Bolt on 127.0.0.1, building the launcher on first use. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const progress = options.onProgress ?? ((message: string) => process.stderr.write(`${message}\n`));
  const java = requireTool(
    'java',
    ['-version'],
    'Java 17+ is needed to run the embedded Neo4j (or set NEO4J_URI to use an existing server)',
  );
  assertJavaVersion(java);
  const launcher = launcherPaths(options.launcherDir ?? LAUNCHER_DIR);
  ensureLauncherBuilt(progress, launcher.dir);

  const port = options.port ?? (await findFreePort());
  if (options.port !== undefined && !(await isPortFree(options.port))) {
    throw new LocalNeo4jError(`Cannot start the local Neo4j: port ${options.port} on 127.0.0.1 is already taken`);
  }
  const home = resolve(options.dataDir);
  mkdirSync(home, { recursive: true });
  const launcherLog = join(home, 'launcher.log');
  const timeoutMs = options.startTimeoutMs ?? 120_000;

  progress(`Starting local Neo4j on bolt://127.0.0.1:${port} (data in ${options.dataDir})`);
  const child = spawn(
    'java',
    [
      `-Xmx${options.heapMb ?? 768}m`,
      '-Xms128m',
      '-XX:+UseG1GC',
      ...(options.jit === 'quick' ? ['-XX:TieredStopAtLevel=1'] : []),
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-cp',
      `${launcher.jar}:${join(launcher.lib, '*')}`,
      'dev.kg.neo4j.Main',
      home,
      String(port),
      launcher.plugins,
      String(options.pageCacheMb ?? 128),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(launcherLog, { flags: 'a' });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  // Neo4j must not keep this process alive; its lifetime is tied to our stdin pipe instead.
  child.unref();

  try {
    await waitForReady(child, timeoutMs);
  } catch (error) {
    await terminate(child, 10_000);
    log.end();
    const detail = error instanceof Error ? error.message : String(error);
    throw new LocalNeo4jError(`${detail}\n--- tail of Neo4j's log (${join(options.dataDir, 'logs/debug.log')}) ---\n${tailOfLogs(home)}`);
  }

  let stopping: Promise<void> | undefined;
  const exitListeners: ((description: string) => void)[] = [];
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log.end();
    const description = `the embedded Neo4j (pid ${child.pid ?? '?'}) exited unexpectedly (code ${code ?? 'none'}, signal ${signal ?? 'none'})`;
    for (const listener of exitListeners) listener(description);
  });
  return {
    uri: `bolt://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    stop() {
      stopping ??= terminate(child, 60_000).finally(() => log.end());
      return stopping;
    },
    onUnexpectedExit(listener) {
      exitListeners.push(listener);
    },
  };
}

function requireTool(command: string, args: string[], why: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new LocalNeo4jError(`Cannot start the local Neo4j: \`${command}\` was not found on PATH. ${why}.`);
  }
  return `${result.stdout}${result.stderr}`;
}

function assertJavaVersion(versionOutput: string): void {
  const match = /version "(\d+)/.exec(versionOutput);
  const major = Number(match?.[1] ?? 0);
  if (major !== 0 && major < 17) {
    throw new LocalNeo4jError(`Cannot start the local Neo4j: Java ${major} found, Neo4j 5.26 needs Java 17 or newer`);
  }
}

function isLauncherFresh(launcher: ReturnType<typeof launcherPaths>): boolean {
  if (!existsSync(launcher.jar) || !existsSync(launcher.lib)) return false;
  const built = statSync(launcher.jar).mtimeMs;
  return launcher.sources.every((source) => statSync(source).mtimeMs <= built);
}

/** Builds the launcher with Maven unless an up-to-date build is cached in neo4j-local/target. */
export function ensureLauncherBuilt(progress: (message: string) => void = (m) => process.stderr.write(`${m}\n`), dir = LAUNCHER_DIR): void {
  if (isLauncherFresh(launcherPaths(dir))) return;
  requireTool('mvn', ['-v'], "Maven fetches Neo4j's jars on first use (or set NEO4J_URI to use an existing server)");
  progress('Fetching Neo4j 5.26 from Maven Central and building the local launcher (first run only, about a minute)...');
  const build = spawnSync('mvn', ['-q', '-B', 'package'], { cwd: dir, encoding: 'utf8' });
  if (build.status !== 0) {
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new LocalNeo4jError(`Cannot build the local Neo4j launcher: \`mvn -q -B package\` in neo4j-local failed:\n${output}`);
  }
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let buffered = '';
    const timer = setTimeout(() => finish(new Error(`Local Neo4j start-up timed out after ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('NEO4J_READY')) finish();
        if (line.startsWith('NEO4J_FAILED')) finish(new Error(`Local Neo4j failed to start: ${line.slice('NEO4J_FAILED '.length)}`));
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(new Error(`Local Neo4j exited during start-up (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
    const onError = (error: Error) => finish(new Error(`Local Neo4j could not be spawned: ${error.message}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else resolvePromise();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function tailOfLogs(home: string): string {
  const tails: string[] = [];
  for (const file of [join(home, 'logs', 'debug.log'), join(home, 'launcher.log')]) {
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    tails.push(lines.slice(-20).join('\n'));
  }
  return tails.join('\n') || '(no log written)';
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

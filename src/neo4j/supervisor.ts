import type { Logger } from '../logger.js';
import type { LocalNeo4j } from './local.js';

/** Options of the embedded Neo4j's supervisor. */
export interface SupervisorOptions {
  /** Starts a replacement (same port and data folder, so the driver's address stays valid). */
  restart: () => Promise<LocalNeo4j>;
  /** Restarts tried in a row before giving up (the server then stays up, answering 503 on /ready). */
  maxRestarts: number;
  logger: Logger;
  /** The JVM died: fail queries fast from now on. */
  onDown: (reason: string) => void;
  /** A replacement is serving. */
  onUp: () => void;
  /** Wait before restart number `attempt` (1-based); default 1 s, 2 s, 4 s ... capped at 30 s. */
  backoffMs?: (attempt: number) => number;
}

/** The embedded Neo4j under supervision: restarted with backoff whenever its JVM dies. */
export interface SupervisedNeo4j {
  /** The Neo4j currently running (the latest replacement). */
  readonly current: LocalNeo4j;
  /** Restarts so far, over the process's life. */
  readonly restarts: number;
  /** False from an unexpected exit of its JVM until a restart succeeds. */
  readonly up: boolean;
  /** Stops supervising and stops Neo4j. */
  stop(): Promise<void>;
}

const defaultBackoff = (attempt: number) => Math.min(30_000, 1_000 * 2 ** (attempt - 1));

/** Watches an embedded Neo4j and restarts it when its JVM exits unexpectedly. */
export function superviseLocalNeo4j(first: LocalNeo4j, options: SupervisorOptions): SupervisedNeo4j {
  const backoff = options.backoffMs ?? defaultBackoff;
  let current = first;
  let restarts = 0;
  let up = true;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const attempt = (number: number) => {
    if (stopped) return;
    if (number > options.maxRestarts) {
      options.logger.fatal(
        { attempts: number - 1 },
        'embedded Neo4j could not be restarted; giving up (the server keeps answering 503 on /ready)',
      );
      return;
    }
    const waitMs = backoff(number);
    options.logger.warn({ attempt: number, of: options.maxRestarts, inMs: waitMs }, 'restarting the embedded Neo4j');
    timer = setTimeout(() => {
      restarting = options
        .restart()
        .then((replacement) => {
          if (stopped) return replacement.stop();
          current = replacement;
          restarts += 1;
          up = true;
          watch(replacement);
          options.logger.info({ pid: replacement.pid, attempt: number }, 'embedded Neo4j restarted');
          options.onUp();
          return undefined;
        })
        .catch((error: unknown) => {
          options.logger.error({ err: error, attempt: number }, 'embedded Neo4j restart failed');
          attempt(number + 1);
        });
    }, waitMs);
  };

  const watch = (neo4j: LocalNeo4j) =>
    neo4j.onUnexpectedExit((description) => {
      if (stopped) return;
      options.logger.error({ pid: neo4j.pid }, description);
      up = false;
      options.onDown(description);
      attempt(1);
    });
  watch(first);

  return {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    get up() {
      return up;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await restarting;
      await current.stop();
    },
  };
}

import { pino, type Logger } from 'pino';
import type { AppConfig } from './config.js';

export type { Logger };

/** Bytes gathered before stdout is written: one system call per twenty-odd request lines, not one each. */
const BUFFER_BYTES = 4096;
/** The longest a line waits in that buffer when traffic is light. */
const FLUSH_INTERVAL_MS = 1000;

/**
 * Builds the structured JSON logger (one JSON object per line on stdout). Stdout is written
 * asynchronously: a synchronous write per request blocks the event loop whenever the reader (a
 * pipe, a log collector, a busy disk) is slow. Lines are buffered up to BUFFER_BYTES and flushed at
 * least every FLUSH_INTERVAL_MS: at the default level every request logs a line, and a write per line
 * cost about a tenth of the server's throughput (docs/benchmarks-history.md, "Connections"). Pino flushes what is pending
 * when the process exits.
 */
export function createLogger(level: AppConfig['logLevel'], destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      formatters: { level: (label) => ({ level: label }) },
      base: { service: 'kg-graphql' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? bufferedStdout(),
  );
}

function bufferedStdout() {
  const stream = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  // sonic-boom throws from flush() once destroyed, and must not be flushed while it is ending.
  const state = stream as unknown as { destroyed?: boolean; _ending?: boolean };
  const timer = setInterval(() => {
    if (state.destroyed || state._ending) clearInterval(timer);
    else stream.flush();
  }, FLUSH_INTERVAL_MS);
  timer.unref();
  stream.once('close', () => clearInterval(timer));
  return stream;
}

import { pino, type Logger } from 'pino';
import type { AppConfig } from './config.js';

export type { Logger };

/**
 * Builds the structured JSON logger (one JSON object per line on stdout). Stdout is written
 * asynchronously: a synchronous write per request blocks the event loop whenever the reader (a
 * pipe, a log collector, a busy disk) is slow. Pino flushes what is pending when the process exits.
 */
export function createLogger(level: AppConfig['logLevel'], destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      formatters: { level: (label) => ({ level: label }) },
      base: { service: 'kg-graphql' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

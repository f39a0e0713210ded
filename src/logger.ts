import { pino, type Logger } from 'pino';
import type { AppConfig } from './config.js';

export type { Logger };

/** Builds the structured JSON logger (one JSON object per line on stdout). */
export function createLogger(level: AppConfig['logLevel'], destination?: NodeJS.WritableStream): Logger {
  return pino({ level, formatters: { level: (label) => ({ level: label }) }, base: { service: 'kg-graphql' }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? process.stdout);
}

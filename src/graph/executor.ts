import neo4j, { type Driver, type Integer, type ManagedTransaction, type RecordShape } from 'neo4j-driver';
import { GraphQLError } from 'graphql';
import type { Logger } from '../logger.js';

/** Marks a JS number as a Cypher INTEGER (JS numbers are sent as FLOAT, which LIMIT and SKIP refuse). */
export function int(value: number): Integer {
  return neo4j.int(value);
}

/** Connection settings for the one driver the process owns. */
export interface DriverSettings {
  uri: string;
  /** Omitted for the embedded Neo4j, which runs without authentication on loopback. */
  auth?: { user: string; password: string };
  maxRetryMs: number;
}

/** Creates the process-wide Neo4j driver. Numbers come back as JS numbers (our ids and counts fit). */
export function createDriver(settings: DriverSettings): Driver {
  const token = settings.auth ? neo4j.auth.basic(settings.auth.user, settings.auth.password) : undefined;
  return neo4j.driver(settings.uri, token, {
    disableLosslessIntegers: true,
    maxTransactionRetryTime: settings.maxRetryMs,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    userAgent: 'kg-graphql/0.1',
  });
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

interface Neo4jFailure {
  code: string;
  message: string;
  retriable: boolean;
}

// Checked by shape, not instanceof: the driver can be loaded twice (ESM and CJS builds) in one process.
function isNeo4jError(error: unknown): error is Neo4jFailure {
  return error instanceof Error && error.name === 'Neo4jError' && typeof (error as Partial<Neo4jFailure>).code === 'string';
}

/** Maps a Neo4j failure to a GraphQL error a client can act on; the original goes to the log only. */
export function toGraphQLError(error: unknown, log?: Logger): unknown {
  if (error instanceof GraphQLError) return error;
  if (!isNeo4jError(error)) return error;
  if (UNAVAILABLE_CODES.has(error.code) || (error.retriable && /connect|ECONNREFUSED/i.test(error.message))) {
    log?.warn({ code: error.code, err: error.message }, 'database unavailable');
    return new GraphQLError('Database unavailable; please retry shortly', { extensions: { code: 'DATABASE_UNAVAILABLE' } });
  }
  if (error.code === 'Neo.ClientError.Transaction.TransactionTimedOut' || error.code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
    log?.warn({ code: error.code }, 'database timeout');
    return new GraphQLError('The query took too long and was stopped', { extensions: { code: 'DATABASE_TIMEOUT' } });
  }
  if (error.code === 'Neo.ClientError.Procedure.ProcedureCallFailed' && /ParseException|Cannot parse|Encountered/.test(error.message)) {
    return new GraphQLError('Invalid full-text query: check quotes, brackets and operators (Lucene syntax)', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  log?.error({ code: error.code, err: error.message }, 'database error');
  return new GraphQLError('The database could not answer this request', { extensions: { code: 'DATABASE_ERROR' } });
}

/** Called once per Cypher round-trip; tests use it to prove there is no N+1. */
export type QueryListener = (cypher: string) => void;

/**
 * The only owner of the driver: every session names its database, runs in a managed
 * transaction (retried on transient errors, routed to readers for reads) and is closed in `finally`.
 */
export class GraphExecutor {
  private readonly listeners = new Set<QueryListener>();

  constructor(
    private readonly driver: Driver,
    readonly database: string,
    private readonly log?: Logger,
  ) {}

  /** Runs one read query and returns plain row objects. */
  async readRows<Row extends RecordShape>(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.read((tx) => this.rows<Row>(tx, cypher, params));
  }

  /** Runs one write query and returns plain row objects. */
  async writeRows<Row extends RecordShape>(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.write((tx) => this.rows<Row>(tx, cypher, params));
  }

  /** Runs a unit of work in a managed read transaction (routed to a reader in a cluster). */
  read<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = 30_000): Promise<T> {
    return this.transaction('READ', work, timeoutMs);
  }

  /** Runs a unit of work in a managed write transaction (it may be retried: keep it idempotent). */
  write<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = 120_000): Promise<T> {
    return this.transaction('WRITE', work, timeoutMs);
  }

  private async transaction<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, timeoutMs: number): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
    try {
      const config = { timeout: timeoutMs };
      return await (mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config));
    } catch (error) {
      throw toGraphQLError(error, this.log);
    } finally {
      await session.close();
    }
  }

  /** Runs one statement inside a transaction function, counting it as one round-trip. */
  async rows<Row extends RecordShape>(tx: ManagedTransaction, cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    for (const listener of this.listeners) listener(cypher);
    const result = await tx.run<Row>(cypher, params);
    return result.records.map((record) => record.toObject());
  }

  /** True when the database answers; never throws. */
  async isReachable(timeoutMs = 3_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = this.driver
      .getServerInfo({ database: this.database })
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Subscribes to round-trip notifications; returns the unsubscribe function. */
  onQuery(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the driver and its connection pool. */
  async close(): Promise<void> {
    await this.driver.close();
  }
}

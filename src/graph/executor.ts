import neo4j, { type Driver, type Integer, type ManagedTransaction, type RecordShape, type Session } from 'neo4j-driver';
import type { Logger } from '../logger.js';
import { DatabaseAvailability } from './availability.js';
import { requestEndedError, type RequestScope } from './scope.js';
import { GraphFailure, type FailureCode } from './errors.js';

/** Marks a JS number as a Cypher INTEGER (JS numbers are sent as FLOAT, which LIMIT and SKIP refuse). */
export function int(value: number): Integer {
  return neo4j.int(value);
}

/** Connection settings for the one driver the process owns. */
export interface DriverSettings {
  uri: string;
  /** Omitted for the embedded Neo4j, which runs without authentication on loopback. */
  auth?: { user: string; password: string } | undefined;
  maxRetryMs: number;
  /**
   * Connections (so transactions) open at once. Neo4j works best with few queries at a time:
   * beyond about two per core, they only contend for the CPU, and the queue moves here, where a
   * request's deadline still applies, instead of into the database's threads.
   */
  maxConnections?: number;
  /** How long a transaction may wait for a connection (longer than a request's deadline, so the deadline decides). */
  acquisitionTimeoutMs?: number;
}

/** Creates the process-wide Neo4j driver. Numbers come back as JS numbers (our ids and counts fit). */
export function createDriver(settings: DriverSettings): Driver {
  const token = settings.auth ? neo4j.auth.basic(settings.auth.user, settings.auth.password) : undefined;
  return neo4j.driver(settings.uri, token, {
    disableLosslessIntegers: true,
    maxTransactionRetryTime: settings.maxRetryMs,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: settings.acquisitionTimeoutMs ?? 10_000,
    maxConnectionPoolSize: settings.maxConnections ?? 100,
    userAgent: 'kg-graphql/0.1',
  });
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  // What a transaction gets when its timeout ends it while it waits for a lock another one holds.
  'Neo.ClientError.Transaction.LockClientStopped',
]);

/** Neo4j refused to let a transaction (or all of them together) use more memory than its limits allow. */
const MEMORY_CODES = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.TransactionOutOfMemoryError',
]);

interface Neo4jFailure {
  code: string;
  message: string;
  retriable: boolean;
}

// Checked by shape, not instanceof: the driver can be loaded twice (ESM and CJS builds) in one process.
function isNeo4jError(error: unknown): error is Neo4jFailure {
  return error instanceof Error && error.name === 'Neo4jError' && typeof (error as Partial<Neo4jFailure>).code === 'string';
}

/** True when Neo4j refused a write for breaking a uniqueness (or other) constraint. */
export function isConstraintViolation(error: unknown): boolean {
  return isNeo4jError(error) && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
}

/** The error every caller sees while the database is known to be down: fast and the same each time. */
export function unavailableError(): GraphFailure {
  return new GraphFailure('DATABASE_UNAVAILABLE', 'Database unavailable; please retry shortly');
}

/** Maps a Neo4j failure to a failure a client can act on; the original goes to the log and stays its cause, never to a client. */
export function toGraphFailure(error: unknown, log?: Logger): unknown {
  if (error instanceof GraphFailure) return error;
  if (!isNeo4jError(error)) return error;
  if (UNAVAILABLE_CODES.has(error.code) || (error.retriable && /connect|ECONNREFUSED/i.test(error.message))) {
    log?.warn({ code: error.code, err: error.message }, 'database unavailable');
    return unavailableError();
  }
  // Each failure keeps the Neo4j error as its cause, for logs and test reports.
  const standingFor = (code: FailureCode, message: string) => new GraphFailure(code, message, {}, error);
  if (TIMEOUT_CODES.has(error.code)) {
    log?.warn({ code: error.code }, 'database timeout');
    return standingFor('DATABASE_TIMEOUT', 'The query took too long and was stopped');
  }
  if (MEMORY_CODES.has(error.code)) {
    // For the operator: db.memory.transaction.total.max is 70% of the heap (NEO4J_LOCAL_HEAP_MB) unless set.
    log?.warn({ code: error.code, err: error.message }, 'database out of transaction memory');
    return standingFor(
      'DATABASE_ERROR',
      'The database ran out of memory for this request; a smaller one (fewer items written or read at once) may fit',
    );
  }
  if (error.code === 'Neo.ClientError.Procedure.ProcedureCallFailed') {
    if (/TooManyClauses|maxClauseCount/i.test(error.message)) {
      return standingFor('BAD_USER_INPUT', 'Full-text query too broad: it expands to too many terms (use fewer words or wildcards)');
    }
    if (/ParseException|Cannot parse|Encountered/.test(error.message)) {
      return standingFor('BAD_USER_INPUT', 'Invalid full-text query: check quotes, brackets and operators (Lucene syntax)');
    }
  }
  log?.error({ code: error.code, err: error.message }, 'database error');
  return standingFor('DATABASE_ERROR', 'The database could not answer this request');
}

/** Server-side timeout of a read outside any request (scripts); a request's own deadline is shorter. */
const READ_TIMEOUT_MS = 30_000;
/** Waits before the retries of an auto-commit read. */
const AUTO_COMMIT_RETRY_MS = [50, 250];

/** The errors worth retrying: the driver marks them (transient errors, a lost connection). */
function isRetriable(error: unknown): boolean {
  return isNeo4jError(error) && error.retriable;
}

/** Called once per Cypher round-trip with its text and parameters; tests use it to prove there is no N+1 and to re-run what a request sent. */
export type QueryListener = (cypher: string, params: Readonly<Record<string, unknown>>) => void;

/** Called when a Cypher round-trip ends: its access mode, seconds taken, whether it succeeded, and its text (metrics, traces). */
export type TimingListener = (mode: 'READ' | 'WRITE', seconds: number, ok: boolean, cypher: string) => void;

/**
 * The only owner of the driver: every session names its database, runs in a managed
 * transaction (retried on transient errors, routed to readers for reads) and is closed in `finally`.
 * A request-bound view (`forRequest`) ties each transaction to the request's deadline and abort
 * signal: when the request ends early, the session is closed at once, which resets the Bolt
 * connection and so terminates the running transaction on the server.
 */
export class GraphExecutor {
  private readonly listeners = new Set<QueryListener>();
  private readonly timings = new Set<TimingListener>();
  /** Shared by every request-bound view (an object, so the views update the same counts). */
  private readonly usage = { sessionsOpen: 0 };
  /** The access mode of each running transaction function, for the timings of its statements. */
  private readonly transactionModes = new WeakMap<ManagedTransaction, 'READ' | 'WRITE'>();
  /** Whether the database is known to be up; while it is down, queries fail at once. */
  readonly availability: DatabaseAvailability;
  private scope: RequestScope | undefined;

  constructor(
    private readonly driver: Driver,
    readonly database: string,
    private readonly log?: Logger,
  ) {
    this.availability = new DatabaseAvailability(() => this.isReachable(), log);
  }

  /** A view of this executor whose transactions end with the request (deadline, disconnect, shutdown). */
  forRequest(scope: RequestScope): GraphExecutor {
    const scoped = Object.create(this) as GraphExecutor;
    scoped.scope = scope;
    return scoped;
  }

  /**
   * Runs one read query and returns plain row objects. A single statement needs no explicit
   * transaction: it runs auto-commit (one exchange with the server instead of three), and is
   * retried here, briefly, on the errors the driver would retry a managed transaction for.
   */
  async readRows<Row extends RecordShape>(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.withSession(
      'READ',
      READ_TIMEOUT_MS,
      async (session, config) => {
        for (const listener of this.listeners) listener(cypher, params);
        const result = await this.timed('READ', cypher, () => withoutDriverStack(() => session.run<Row>(cypher, params, config)));
        return result.records.map((record) => record.toObject());
      },
      AUTO_COMMIT_RETRY_MS,
    );
  }

  /** Runs one write query and returns plain row objects. */
  async writeRows<Row extends RecordShape>(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.write((tx) => this.rows<Row>(tx, cypher, params));
  }

  /** Runs a unit of work in a managed read transaction (routed to a reader in a cluster). */
  read<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = READ_TIMEOUT_MS): Promise<T> {
    return this.transaction('READ', work, timeoutMs);
  }

  /** Runs a unit of work in a managed write transaction (it may be retried: keep it idempotent). */
  write<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = 120_000): Promise<T> {
    return this.transaction('WRITE', work, timeoutMs);
  }

  private async transaction<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>, timeoutMs: number): Promise<T> {
    const scope = this.scope;
    // An ended request must not be retried by the driver: the guard fails the retry before it runs.
    const guarded = (tx: ManagedTransaction) => {
      if (scope?.signal.aborted) throw requestEndedError(scope);
      this.transactionModes.set(tx, mode);
      return work(tx);
    };
    return this.withSession(mode, timeoutMs, (session, config) =>
      mode === 'READ' ? session.executeRead(guarded, config) : session.executeWrite(guarded, config),
    );
  }

  /**
   * Opens a session for `use`, bound to the request: refused at once when the request has ended or
   * the database is known to be down; given the request's remaining time as its server-side timeout
   * and its id as metadata; closed (ending its transaction on the server) as soon as the request ends.
   */
  private async withSession<T>(
    mode: 'READ' | 'WRITE',
    timeoutMs: number,
    use: (session: Session, config: { timeout: number; metadata?: Record<string, unknown> }) => Promise<T>,
    retryWaitsMs: readonly number[] = [],
  ): Promise<T> {
    const scope = this.scope;
    for (let attempt = 0; ; attempt += 1) {
      if (scope?.signal.aborted) throw requestEndedError(scope);
      if (!this.availability.isUp) throw unavailableError();
      // The server enforces the request's deadline too (the backstop if this process is too busy to).
      const timeout = scope ? Math.max(1, Math.min(timeoutMs, scope.deadline - Date.now())) : timeoutMs;
      const session = this.driver.session({
        database: this.database,
        defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      });
      this.usage.sessionsOpen += 1;
      const config = { timeout, ...(scope ? { metadata: { requestId: scope.id } } : {}) };
      const running = use(session, config);
      try {
        return await (scope ? endWithScope(running, scope, session) : running);
      } catch (error) {
        if (scope && (scope.signal.aborted || Date.now() >= scope.deadline)) throw requestEndedError(scope);
        const wait = retryWaitsMs[attempt];
        if (wait !== undefined && isRetriable(error)) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        const mapped = toGraphFailure(error, this.log);
        if (mapped instanceof GraphFailure && mapped.code === 'DATABASE_UNAVAILABLE')
          this.availability.reportFailure('Neo4j is unreachable');
        throw mapped;
      } finally {
        this.usage.sessionsOpen -= 1;
        await session.close();
      }
    }
  }

  /** Runs one statement in an auto-commit transaction (for schema changes and `CALL ... IN TRANSACTIONS`). */
  async autoCommit(cypher: string, params: Record<string, unknown> = {}): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    this.usage.sessionsOpen += 1;
    try {
      for (const listener of this.listeners) listener(cypher, params);
      await this.timed('WRITE', cypher, () => withoutDriverStack(() => session.run(cypher, params)));
    } catch (error) {
      throw toGraphFailure(error, this.log);
    } finally {
      this.usage.sessionsOpen -= 1;
      await session.close();
    }
  }

  /** Runs one statement inside a transaction function, counting it as one round-trip. */
  async rows<Row extends RecordShape>(tx: ManagedTransaction, cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    for (const listener of this.listeners) listener(cypher, params);
    // Inside a transaction function the mode is the transaction's; rows() is used by both, reads mostly through read().
    const result = await this.timed(this.modeOf(tx), cypher, () => withoutDriverStack(() => tx.run<Row>(cypher, params)));
    return result.records.map((record) => record.toObject());
  }

  /** Sessions open now (each holds a pooled connection while it runs). */
  get sessionsOpen(): number {
    return this.usage.sessionsOpen;
  }

  /** Subscribes to round-trip timings; returns the unsubscribe function. */
  onTiming(listener: TimingListener): () => void {
    this.timings.add(listener);
    return () => this.timings.delete(listener);
  }

  private modeOf(tx: ManagedTransaction): 'READ' | 'WRITE' {
    return this.transactionModes.get(tx) ?? 'WRITE';
  }

  private async timed<T>(mode: 'READ' | 'WRITE', cypher: string, run: () => Promise<T>): Promise<T> {
    if (this.timings.size === 0) return run();
    const started = performance.now();
    let ok = false;
    try {
      const result = await run();
      ok = true;
      return result;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      for (const listener of this.timings) listener(mode, seconds, ok, cypher);
    }
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
    this.availability.close();
    await this.driver.close();
  }
}

/**
 * Starts a driver query without the stack trace the driver captures for each one (it only decorates
 * the driver's own errors, which this module maps to GraphFailure codes): formatting that trace was
 * the largest single cost of a cheap request in the driver (3.6% of server CPU under load). The
 * capture happens synchronously in run(), so lowering the limit around the call touches nothing else.
 */
function withoutDriverStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Settles with the transaction, or rejects as soon as the request ends; in that case the session is
 * closed right away, which sends a Bolt RESET and so terminates the transaction on the server.
 */
function endWithScope<T>(running: Promise<T>, scope: RequestScope, session: Session): Promise<T> {
  running.catch(() => {}); // its failure after the request ended is expected and reported below
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(requestEndedError(scope));
      void session.close();
    };
    if (scope.signal.aborted) return onAbort();
    scope.signal.addEventListener('abort', onAbort, { once: true });
    running.then(resolve, reject).finally(() => scope.signal.removeEventListener('abort', onAbort));
  });
}

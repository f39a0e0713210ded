// Wraps a driver so that every Cypher statement its sessions run is recorded with its parameters:
// the benchmark counts round-trips per request and profiles them for db hits.
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';

/** One statement a server sent. */
export interface RecordedQuery {
  cypher: string;
  params: Record<string, unknown>;
}

type Work<T> = (tx: ManagedTransaction) => Promise<T>;

function recordingTransaction(tx: ManagedTransaction, log: RecordedQuery[]): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === 'run') {
        return (cypher: string, params?: Record<string, unknown>) => {
          log.push({ cypher, params: params ?? {} });
          return target.run(cypher, params);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

function recordingSession(session: Session, log: RecordedQuery[]): Session {
  return new Proxy(session, {
    get(target, property, receiver) {
      if (property === 'run') {
        return (cypher: string, params?: Record<string, unknown>, config?: object) => {
          log.push({ cypher, params: params ?? {} });
          return target.run(cypher, params, config);
        };
      }
      if (property === 'executeRead' || property === 'executeWrite') {
        return <T>(work: Work<T>, config?: object) => target[property]((tx) => work(recordingTransaction(tx, log)), config);
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** A driver whose sessions record into `log` (clear it between requests). */
export function recordingDriver(driver: Driver, log: RecordedQuery[]): Driver {
  return new Proxy(driver, {
    get(target, property, receiver) {
      if (property === 'session') return (config?: Parameters<Driver['session']>[0]) => recordingSession(target.session(config), log);
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

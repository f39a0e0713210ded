import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toGraphFailure } from '../../src/graph/executor.js';
import { GraphFailure } from '../../src/graph/errors.js';
import { failureToGraphQLError } from '../../src/http/errors.js';

// The driver's own error class, as it reaches the executor from a session: which failures a client can act on.
describe('Neo4j failures a client sees', () => {
  it('names running out of transaction memory instead of a bare database error', () => {
    for (const code of [
      'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
      'Neo.TransientError.General.TransactionOutOfMemoryError',
    ]) {
      const failure = toGraphFailure(
        new Neo4jError('dbms.memory.transaction.total.max threshold reached', code, '50N42', 'general processing exception'),
      );
      expect(failure).toBeInstanceOf(GraphFailure);
      expect(failure).toMatchObject({
        code: 'DATABASE_ERROR',
        message: 'The database ran out of memory for this request; a smaller one (fewer items written or read at once) may fit',
      });
    }
  });

  it('calls a transaction its timeout ended a timeout, also while it waited for a lock', () => {
    for (const code of [
      'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
      'Neo.ClientError.Transaction.LockClientStopped',
    ]) {
      const original = new Neo4jError('The transaction has been terminated.', code, '50N42', 'general processing exception');
      const failure = toGraphFailure(original);
      expect(failure).toMatchObject({ code: 'DATABASE_TIMEOUT', message: 'The query took too long and was stopped', cause: original });
    }
  });

  it('keeps other failures opaque to clients, the original kept as the cause a log or test report shows', () => {
    const original = new Neo4jError(
      'some internal failure',
      'Neo.DatabaseError.General.UnknownError',
      '50N42',
      'general processing exception',
    );
    const failure = toGraphFailure(original);
    expect(failure).toMatchObject({ code: 'DATABASE_ERROR', message: 'The database could not answer this request', cause: original });
    const shown = failureToGraphQLError(failure as GraphFailure).toJSON();
    expect(shown).toEqual({ message: 'The database could not answer this request', extensions: { code: 'DATABASE_ERROR' } });
  });
});

/** What a failure means to a client; the GraphQL edge turns it into `extensions.code` (src/http/errors.ts). */
export type FailureCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'DATABASE_UNAVAILABLE'
  | 'DATABASE_TIMEOUT'
  | 'DATABASE_ERROR'
  | 'DEADLINE_EXCEEDED'
  | 'REQUEST_CANCELLED'
  | 'SERVER_SHUTTING_DOWN'
  | 'SEED_CONFLICT';

/** A failure of the data layer a client can act on: its code, a message safe to show, and how to answer it over HTTP. */
export class GraphFailure extends Error {
  override readonly name = 'GraphFailure';

  constructor(
    readonly code: FailureCode,
    message: string,
    readonly details: { argumentName?: string; httpStatus?: number; retryAfterSeconds?: number } = {},
    // The error it stands for (a Neo4j one), for logs and test reports; never sent to a client.
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** A BAD_USER_INPUT failure about one argument. */
export function badArgument(argumentName: string, message: string): GraphFailure {
  return new GraphFailure('BAD_USER_INPUT', message, { argumentName });
}

/** Ids a query was given that match no entity; the caller may retry them as names, or report NOT_FOUND. */
export class UnknownEntities extends GraphFailure {
  constructor(readonly ids: string[]) {
    super('NOT_FOUND', `No entity has the id ${ids.map((id) => JSON.stringify(id.slice(0, 100))).join(', ')}`);
  }
}

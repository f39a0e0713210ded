import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { GraphFailure } from '../graph/errors.js';

/** The GraphQL error a client sees for a data-layer failure: the one place codes and HTTP statuses are given. */
export function failureToGraphQLError(failure: GraphFailure, located?: GraphQLError): GraphQLError {
  const { argumentName, httpStatus, retryAfterSeconds } = failure.details;
  const http = httpStatus
    ? { http: { status: httpStatus, ...(retryAfterSeconds ? { headers: { 'retry-after': String(retryAfterSeconds) } } : {}) } }
    : {};
  return new GraphQLError(failure.message, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    extensions: { code: failure.code, ...(argumentName ? { argumentName } : {}), ...http },
  });
}

/**
 * yoga's error masking, extended: a data-layer failure becomes its coded GraphQL error; anything
 * else unexpected is masked as yoga does ("Unexpected error.", details only in development).
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof GraphFailure) return failureToGraphQLError(original, error instanceof GraphQLError ? error : undefined);
  return yogaMaskError(error, message, isDev);
}

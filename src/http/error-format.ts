import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/** Longest quoted piece of input kept in an error message. */
const MAX_QUOTED = 100;
/** Longest error message sent at all. */
const MAX_MESSAGE = 500;

/** Shortens every quoted run longer than MAX_QUOTED characters and caps the message's length. */
export function boundMessage(message: string): string {
  const quotesShortened = message.replace(new RegExp(`"([^"]{${MAX_QUOTED}})[^"]+"`, 'g'), '"$1…"');
  return quotesShortened.length <= MAX_MESSAGE ? quotesShortened : `${quotesShortened.slice(0, MAX_MESSAGE)}…`;
}

/** Drops graphql-js's "Did you mean …?" hints, which reveal the schema to someone probing it. */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

/**
 * Every error message a client sees is bounded (no echo of a megabyte of input) and, when
 * suggestions are off, carries no schema hints.
 */
export function useErrorMessageBounds(options: { suggestions: boolean }): Plugin {
  const rewrite = (error: GraphQLError): GraphQLError => {
    const bounded = boundMessage(options.suggestions ? error.message : withoutSuggestions(error.message));
    if (bounded === error.message) return error;
    return new GraphQLError(bounded, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: error.originalError,
      extensions: error.extensions,
    });
  };
  return {
    onExecutionResult({ result, setResult }) {
      if (result === undefined || isAsyncIterable(result) || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map((error) => (error instanceof GraphQLError ? rewrite(error) : error)) });
    },
  };
}

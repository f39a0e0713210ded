import { GraphQLError } from 'graphql';

/** Longest piece of a client's input an error message quotes back. */
export const MAX_QUOTED_INPUT = 100;

/** Quotes input for an error message: at most MAX_QUOTED_INPUT characters, control characters escaped. */
export function shown(value: string): string {
  if (value.length <= MAX_QUOTED_INPUT) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, MAX_QUOTED_INPUT))}… (${value.length} characters)`;
}

/** A BAD_USER_INPUT error naming the argument at fault. */
export function badInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}) } });
}

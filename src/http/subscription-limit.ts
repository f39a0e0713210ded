import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/** Who a subscription belongs to: the credential's principal, else the client's address. */
function clientKey(context: Context & { req?: { socket?: { remoteAddress?: string } } }): string {
  return context.auth.principal !== null
    ? `principal:${context.auth.principal}`
    : `address:${context.req?.socket?.remoteAddress ?? 'unknown'}`;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<ExecutionResult> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * At most `max` open subscriptions per client (MAX_SUBSCRIPTIONS_PER_CLIENT): a subscription holds a
 * stream and a listener for as long as the client keeps it, so one client cannot hold them all.
 */
export function useSubscriptionLimit(max: number): Plugin<Context> {
  const open = new Map<string, number>();
  const release = (key: string) => {
    const count = (open.get(key) ?? 1) - 1;
    if (count > 0) open.set(key, count);
    else open.delete(key);
  };
  return {
    onSubscribe: ({ args, setResultAndStopExecution }) => {
      const key = clientKey(args.contextValue);
      const count = open.get(key) ?? 0;
      if (count >= max) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `Too many open subscriptions: this client has ${count}, at most ${max} (MAX_SUBSCRIPTIONS_PER_CLIENT); close one first`,
              { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
            ),
          ],
        });
        return;
      }
      open.set(key, count + 1);
      let released = false;
      const releaseOnce = () => {
        if (!released) release(key);
        released = true;
      };
      return {
        onSubscribeResult: ({ result }) => {
          // An error instead of a stream (bad arguments, no credential) holds nothing.
          if (!isAsyncIterable(result)) {
            releaseOnce();
            return;
          }
          return { onEnd: releaseOnce };
        },
        onSubscribeError: releaseOnce,
      };
    },
  };
}

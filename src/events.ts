// Events for subscriptions: in this process, or fanned out across instances through Redis (REDIS_URL).
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub, type PubSubEvent } from 'graphql-yoga';
import { Redis } from 'ioredis';

/** A statement was written: its id and every entity it involves (speakers, subjects, outlet, cited). */
export interface StatementAddedEvent {
  statementId: string;
  entityIds: string[];
}

/** Topics and their payloads. */
export type GraphEvents = {
  'statement:added': [StatementAddedEvent];
  /** An entity was created or corrected, or linked to another. */
  'entity:changed': [{ entityId: string }];
  /** A claim was written, gained a stance, or was retracted. */
  'claim:changed': [{ claimId: string; retracted: boolean; aboutIds: string[] }];
};

/** The event bus and how to close it. */
export interface Events {
  pubsub: PubSub<GraphEvents>;
  close(): Promise<void>;
}

/** An event bus: Redis pub/sub when `redisUrl` is set (every instance sees every event), else in-process. */
export function createEvents(redisUrl: string | undefined): Events {
  if (!redisUrl) return { pubsub: createPubSub<GraphEvents>(), close: async () => {} };
  // A subscribed Redis connection can only listen, so publishing needs its own.
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const eventTarget = createRedisEventTarget<PubSubEvent<GraphEvents, keyof GraphEvents>>({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<GraphEvents>({ eventTarget }),
    close: () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
      return Promise.resolve();
    },
  };
}

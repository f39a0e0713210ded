// The overview's aggregate queries and their shapes, in one place (the aggregate fields are the API's
// newest; when they change, this module is the one to adjust).
import type { EntityKind, EntityRef, Stance } from './types.js';

/** Everything the overview draws, in one request. */
export const OVERVIEW = /* GraphQL */ `
  query DashboardOverview($speakers: Int!, $connected: Int!) {
    overview {
      entities
      entitiesByKind {
        kind
        count
      }
      statements
      claims
      contestedClaims
      sources
      relationships
    }
    bySpeaker: statementCounts(by: SPEAKER, first: $speakers) {
      total
      groups {
        key
        label
        count
        entity {
          slug
          name
          kind
        }
      }
    }
    byStance: statementCounts(by: STANCE, first: 10) {
      total
      groups {
        key
        label
        count
        stance
      }
    }
    claimCounts {
      total
      contested
      uncontested
    }
    activity(interval: MONTH) {
      interval
      withoutYear
      buckets {
        start
        label
        precision
        statements
        events
        inferredYear
      }
      lessPrecise {
        start
        label
        precision
        statements
        events
        inferredYear
      }
    }
    mostConnected(first: $connected) {
      degree
      entity {
        slug
        name
        kind
      }
    }
  }
`;

/** Counts of the whole graph. */
export interface OverviewCounts {
  entities: number;
  entitiesByKind: { kind: EntityKind; count: number }[];
  statements: number;
  claims: number;
  contestedClaims: number;
  sources: number;
  relationships: number;
}

/** One group of statements (a speaker, a stance...). */
export interface StatementGroup {
  key: string;
  label: string;
  count: number;
  entity?: EntityRef | null;
  stance?: Stance | null;
}

/** Statements and events in one period; `inferredYear` counts those whose year was inferred. */
export interface ActivityBucket {
  start: string;
  label: string;
  precision: string;
  statements: number;
  events: number;
  inferredYear: number;
}

/** The answer to OVERVIEW. */
export interface OverviewData {
  overview: OverviewCounts;
  bySpeaker: { total: number; groups: StatementGroup[] } | null;
  byStance: { total: number; groups: StatementGroup[] } | null;
  claimCounts: { total: number; contested: number; uncontested: number } | null;
  activity: { interval: string; withoutYear: number; buckets: ActivityBucket[]; lessPrecise: ActivityBucket[] } | null;
  mostConnected: { degree: number; entity: EntityRef }[] | null;
}

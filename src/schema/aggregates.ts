import { bucketActivity, type Activity, type ActivityBucket } from '../graph/activity.js';
import {
  countByDate,
  countEntitiesByKind,
  countClaims,
  countStatements,
  mostConnected,
  readOverview,
  type ClaimCounts,
  type ConnectedEntity,
  type Overview,
  type StatementCounts,
  type StatementGroup,
} from '../graph/aggregates.js';
import { badArgument } from '../graph/errors.js';
import { pageSize } from '../graph/paging.js';
import { dateBound } from './args.js';
import { builder } from './builder.js';
import { StanceEnum } from './claims.js';
import { pageCost } from './cost.js';
import { EntityKindEnum, MAX_NAME_LENGTH, RelationshipTypeEnum } from './entities.js';
import { withEntityArguments } from './entity-arguments.js';
import { DatePrecisionEnum } from './provenance.js';
import { EntityRef } from './refs.js';
import { STATEMENT_FILTER_ARGS, withStatementFilter } from './statements.js';

const KindCountRef = builder.objectRef<Overview['entitiesByKind'][number]>('KindCount').implement({
  description: 'How many entities of one kind.',
  fields: (t) => ({
    kind: t.field({ type: EntityKindEnum, description: 'The kind.', resolve: (row) => row.kind }),
    count: t.exposeInt('count', { description: 'How many.' }),
  }),
});

const OverviewRef = builder.objectRef<Overview>('Overview').implement({
  description: 'What the graph holds: totals read from the database count store and maintained tallies (constant time at any size).',
  fields: (t) => ({
    entities: t.exposeInt('entities', { description: 'Entities of every kind.' }),
    entitiesByKind: t.field({ type: [KindCountRef], description: 'Entities per kind, every kind listed.', resolve: (o) => o.entitiesByKind }),
    statements: t.exposeInt('statements', { description: 'Current statements (retracted ones left out).' }),
    claims: t.exposeInt('claims', { description: 'Current claims.' }),
    contestedClaims: t.exposeInt('contestedClaims', { description: 'Current claims that are contested (see Claim.contested).' }),
    sources: t.exposeInt('sources', { description: 'Source documents.' }),
    relationships: t.exposeInt('relationships', { description: 'Current relationships between entities.' }),
  }),
});

const StatementGroupingEnum = builder.enumType('StatementGrouping', {
  description: 'How statementCounts groups statements.',
  values: {
    SPEAKER: { value: 'SPEAKER', description: 'By who made them (a statement with two speakers counts for both).' },
    AFFILIATION: {
      value: 'AFFILIATION',
      description: 'By the country or organization the speaker is, is part of, or holds a role in (as statements(speakerAffiliation:) lists them); a statement counts for each.',
    },
    OUTLET: { value: 'OUTLET', description: 'By the outlet that relayed them (statements(via:)).' },
    SUBJECT: { value: 'SUBJECT', description: 'By the entity they are about (statements(about:)).' },
    STANCE: { value: 'STANCE', description: 'By the stance they take on claims: stance links, so a statement taking two stances counts twice.' },
  } as const,
});

const StatementGroupRef = builder.objectRef<StatementGroup>('StatementGroup').implement({
  description: 'One group of statements and its size.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The entity slug, or the stance.' }),
    label: t.string({ description: "Readable name: the entity's name, or the stance.", resolve: (group) => group.entity?.name ?? group.key }),
    count: t.exposeInt('count', { description: 'How many statements (stance links for STANCE).' }),
    entity: t.field({ type: EntityRef, nullable: true, description: 'The entity, for entity groupings.', resolve: (group) => group.entity }),
    stance: t.field({ type: StanceEnum, nullable: true, description: 'The stance, for STANCE.', resolve: (group) => group.stance }),
  }),
});

const StatementCountsRef = builder.objectRef<StatementCounts>('StatementCounts').implement({
  description: 'Statements matching the filters, and their largest groups.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Statements matching the filters.' }),
    groups: t.field({ type: [StatementGroupRef], description: 'Largest groups first (ties by key), at most `first`.', resolve: (counts) => counts.groups }),
  }),
});

const ClaimCountsRef = builder.objectRef<ClaimCounts>('ClaimCounts').implement({
  description: 'Claims matching the filters, contested and not.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'Claims matching the filters.' }),
    contested: t.exposeInt('contested', { description: 'Of those, contested (see Claim.contested).' }),
    uncontested: t.int({ description: 'Of those, not contested.', resolve: (counts) => counts.total - counts.contested }),
  }),
});

const ActivityIntervalEnum = builder.enumType('ActivityInterval', {
  description: 'Length of an activity bucket.',
  values: {
    DAY: { value: 'DAY', description: 'Calendar days (dates stated to the day).' },
    WEEK: { value: 'WEEK', description: 'ISO weeks, Monday to Sunday (dates stated to the day).' },
    MONTH: { value: 'MONTH', description: 'Calendar months (dates stated at least to the month).' },
    YEAR: { value: 'YEAR', description: 'Calendar years.' },
  } as const,
});

const ActivityBucketRef = builder.objectRef<ActivityBucket>('ActivityBucket').implement({
  description: 'Statements and events dated in one period.',
  fields: (t) => ({
    start: t.exposeString('start', { description: 'First day of the period (YYYY-MM-DD).' }),
    label: t.exposeString('label', { description: 'The period: 2024-10-24, 2024-W43, 2024-10 or 2024.' }),
    precision: t.field({ type: DatePrecisionEnum, description: 'DAY, MONTH or YEAR: how precise the dates counted here are.', resolve: (b) => b.precision }),
    statements: t.exposeInt('statements', { description: 'Statements dated in the period.' }),
    events: t.exposeInt('events', { description: 'Events dated in the period.' }),
    inferredYear: t.exposeInt('inferredYear', { description: 'Of those, how many are placed by an inferred year (the source gives no year).' }),
  }),
});

const ActivityRef = builder.objectRef<Activity>('Activity').implement({
  description: 'Statements and events over time.',
  fields: (t) => ({
    interval: t.field({ type: ActivityIntervalEnum, description: 'The bucket length.', resolve: (a) => a.interval }),
    buckets: t.field({
      type: [ActivityBucketRef],
      description: 'One bucket per period from the first dated item to the last, empty periods included.',
      resolve: (a) => a.buckets,
    }),
    lessPrecise: t.field({
      type: [ActivityBucketRef],
      description: 'Items whose dates are coarser than the interval (e.g. only a month, asked by DAY), per their own month or year: never spread over finer buckets.',
      resolve: (a) => a.lessPrecise,
    }),
    withoutYear: t.exposeInt('withoutYear', { description: 'Dated items with neither a stated nor an inferred year: not in any bucket.' }),
  }),
});

const ConnectedEntityRef = builder.objectRef<ConnectedEntity>('ConnectedEntity').implement({
  description: 'An entity and how many relationships it has.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, description: 'The entity.', resolve: (row) => row.entity }),
    degree: t.exposeInt('degree', { description: 'Its current relationships (of the type asked for), both directions.' }),
  }),
});

builder.queryFields((t) => ({
  overview: t.field({
    type: OverviewRef,
    description: 'Totals of what the graph holds, for dashboards: constant time at any graph size.',
    resolve: (_root, _args, ctx) => readOverview(ctx.executor),
  }),
  entityCounts: t.field({
    nullable: true,
    type: [KindCountRef],
    description:
      'Entities per kind (every kind listed) among those matching the filters, as entities(...) takes them. Without filters, from the count store; with them, counted over the matches (at most 10,000).',
    args: {
      nameContains: t.arg.string({ required: false, description: 'Text in the name or an alias (case-insensitive).' }),
      relatedTo: t.arg.id({ required: false, description: 'A country: only entities linked to it within two hops (and the country).' }),
    },
    resolve: (_root, args, ctx) => {
      const nameContains = args.nameContains ?? null;
      if (nameContains !== null && nameContains.length > MAX_NAME_LENGTH) {
        throw badArgument('nameContains', `"nameContains" is too long (${nameContains.length} characters; at most ${MAX_NAME_LENGTH})`);
      }
      return withEntityArguments(ctx, { relatedTo: args.relatedTo }, (ids) =>
        countEntitiesByKind(ctx.executor, { nameContains, relatedCountryId: ids.relatedTo }),
      );
    },
  }),
  statementCounts: t.field({
    nullable: true,
    type: StatementCountsRef,
    description:
      'Statements grouped by speaker, affiliation, outlet, subject or stance, largest groups first. Without filters, read from counts every write keeps; with filters (as statements(...) takes them), counted over the matches, at most 10,000 (more is BAD_USER_INPUT: narrow them).',
    args: {
      by: t.arg({ type: StatementGroupingEnum, required: true, description: 'How to group.' }),
      first: t.arg.int({ required: true, defaultValue: 10, description: 'At most this many groups, 1 to 100.' }),
      ...STATEMENT_FILTER_ARGS,
    },
    complexity: (args) => pageCost(args.first, 2),
    resolve: (_root, args, ctx) => {
      const first = pageSize(args.first);
      return withStatementFilter(ctx, args, (filter) => countStatements(ctx.executor, args.by, filter, first));
    },
  }),
  claimCounts: t.field({
    nullable: true,
    type: ClaimCountsRef,
    description: 'Claims, contested and not. Without filters, read from maintained counts; with filters, counted over the matches (at most 10,000).',
    args: {
      about: t.arg.id({ required: false, description: 'About this entity or event.' }),
      topic: t.arg.string({ required: false, description: 'With this topic key.' }),
      measure: t.arg.string({ required: false, description: 'Stating a number for this measure.' }),
      stance: t.arg({ type: StanceEnum, required: false, description: 'Some statement takes this stance on it.' }),
      hasQuantity: t.arg.boolean({ required: false, description: 'With (true) or without (false) a number.' }),
    },
    resolve: (_root, args, ctx) =>
      withEntityArguments(ctx, { about: args.about }, (ids) =>
        countClaims(ctx.executor, {
          aboutId: ids.about,
          topic: args.topic ?? null,
          measure: args.measure ?? null,
          stance: args.stance ?? null,
          hasQuantity: args.hasQuantity ?? null,
        }),
      ),
  }),
  activity: t.field({
    nullable: true,
    type: ActivityRef,
    description:
      'Dated statements and events per day, week, month or year. Each date counts only in buckets as fine as its precision; a date without a stated year counts in its inferred year, flagged in inferredYear.',
    args: {
      interval: t.arg({ type: ActivityIntervalEnum, required: true, defaultValue: 'MONTH', description: 'Bucket length.' }),
      from: t.arg.string({ required: false, description: 'On or after: 2024, 2024-10 or 2024-10-24.' }),
      to: t.arg.string({ required: false, description: 'On or before: 2024, 2024-10 or 2024-10-25.' }),
      entity: t.arg.id({ required: false, description: 'Only items involving this entity, as timeline(entity:) selects them.' }),
    },
    complexity: () => pageCost(100),
    resolve: async (_root, args, ctx) => {
      const range = { from: dateBound(args.from, 'from', 'from'), to: dateBound(args.to, 'to', 'to') };
      const counts = await withEntityArguments(ctx, { entity: args.entity }, (ids) => countByDate(ctx.executor, { ...range, entityId: ids.entity, interval: args.interval }));
      try {
        return bucketActivity(counts, args.interval);
      } catch (error) {
        if (error instanceof RangeError) throw badArgument('interval', `Too many buckets: ${error.message}; ask for a longer interval or a narrower from/to`);
        throw error;
      }
    },
  }),
  mostConnected: t.field({
    nullable: true,
    type: [ConnectedEntityRef],
    description: 'Entities with the most current relationships (optionally of some kinds, and of one type), most first; ties by slug, descending.',
    args: {
      first: t.arg.int({ required: true, defaultValue: 10, description: 'How many, 1 to 100.' }),
      kind: t.arg({ type: [EntityKindEnum], required: false, description: 'Only entities of these kinds.' }),
      type: t.arg({ type: RelationshipTypeEnum, required: false, description: 'Count only relationships of this type.' }),
    },
    complexity: (args) => pageCost(args.first),
    resolve: (_root, args, ctx) => mostConnected(ctx.executor, { kinds: args.kind ?? null, type: args.type ?? null, first: pageSize(args.first) }),
  }),
}));

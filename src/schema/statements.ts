import { listStatements, type StatementFilter } from '../graph/statements.js';
import type { Context } from '../context.js';
import type { EntityKind } from '../seed/format.js';
import { rowProjection, statementProjection } from '../translate/compile.js';
import type { StatementRecord } from '../graph/records.js';
import { afterPosition, connectionCost, connectionFromRows, dateBound, forwardPage, listPage, optionalSlug, present, required, selects, toConnection } from './args.js';
import { builder } from './builder.js';
import { withEntityArguments } from './entity-arguments.js';
import { StanceEnum } from './claims.js';
import { EntityKindEnum } from './entities.js';
import { ClaimRef, EntityRef, EvidenceRef, PartialDateRef, SourceRef, StanceTakenRef, StatementRef } from './refs.js';

/** Position of a statement in date order (undated last), for cursors. */
const byDate = (statement: StatementRecord) => ({ key: statement.orderKey, id: statement.id });

builder.node(StatementRef, {
  description: 'One act of saying or reporting: who said it, when, through which outlet, citing whom, about what, and the stances it takes on claims.',
  id: { resolve: (statement) => statement.id },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.statement.load(id)),
  fields: (t) => ({
    slug: t.exposeString('id', { description: 'Stable id of the statement.' }),
    summary: t.exposeString('summary', { description: 'One-sentence paraphrase (not a quote).' }),
    quote: t.exposeString('quote', { nullable: true, description: 'The verbatim direct quotation, when the source gives one.' }),
    quoteEvidence: t.field({
      type: EvidenceRef,
      nullable: true,
      description: 'Where the quotation stands in the source.',
      resolve: (statement, _args, ctx) => (statement.quoteEvidenceId ? ctx.loaders.evidence.load(statement.quoteEvidenceId) : null),
    }),
    date: t.field({ type: PartialDateRef, nullable: true, description: 'When it was said, as precisely as the source says (inferred parts flagged).', resolve: (s) => s.date }),
    speakers: t.field({
      type: [EntityRef],
      description: 'Who said it: a person, organization or country (several when the source names them jointly).',
      resolve: async (statement, _args, ctx) => present(await ctx.loaders.entity.loadMany(statement.speakerIds)),
    }),
    via: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The outlet that relayed it (e.g. a state news agency).',
      resolve: (statement, _args, ctx) => (statement.viaId ? ctx.loaders.entity.load(statement.viaId) : null),
    }),
    cites: t.field({
      type: [EntityRef],
      description: 'Sources the speaker cites, when they are entities.',
      resolve: async (statement, _args, ctx) => present(await ctx.loaders.entity.loadMany(statement.citedIds)),
    }),
    citesText: t.exposeString('citesText', { nullable: true, description: 'What the speaker cites, in words (e.g. "intelligence reports").' }),
    retracted: t.exposeBoolean('retracted', { description: 'True when an analyst retracted it (listed only with `statements(includeRetracted: true)`; the reason is in `retractions`).' }),
    about: t.field({
      type: [EntityRef],
      description: 'Entities and events the statement is about.',
      resolve: async (statement, _args, ctx) => present(await ctx.loaders.entity.loadMany(statement.aboutIds)),
    }),
    stances: t.field({
      type: [StanceTakenRef],
      description: 'The claims this statement takes a stance on, and which stance.',
      args: { stance: t.arg({ type: StanceEnum, required: false, description: 'Only this stance.' }) },
      resolve: (statement, args) => statement.stances.filter((stance) => !args.stance || stance.stance === args.stance),
    }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'The words of the source reporting this statement.',
      resolve: async (statement, _args, ctx) => present(await ctx.loaders.evidence.loadMany(statement.evidenceIds)),
    }),
    source: t.field({ type: SourceRef, nullable: true, description: 'The source reporting it.', resolve: (s, _args, ctx) => ctx.loaders.source.load(s.sourceId) }),
  }),
});

StanceTakenRef.implement({
  description: 'A statement taking a stance on a claim (asserts, denies, does not confirm...).',
  fields: (t) => ({
    stance: t.field({ type: StanceEnum, description: 'The stance taken.', resolve: (s) => s.stance }),
    statement: t.field({
      type: StatementRef,
      description: 'The statement taking the stance.',
      resolve: (s, _args, ctx) => required(ctx.loaders.statement.load(s.statementId), `statement ${s.statementId}`),
    }),
    claim: t.field({
      type: ClaimRef,
      description: 'The claim the stance is on.',
      resolve: (s, _args, ctx) => required(ctx.loaders.claim.load(s.claimId), `claim ${s.claimId}`),
    }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'The words showing the stance.',
      resolve: async (s, _args, ctx) => present(await ctx.loaders.evidence.loadMany(s.evidenceIds)),
    }),
  }),
});

const STATEMENT_LISTS = [
  ['statements', 'statementsBy', 'Statements this entity made, in date order (undated last).'],
  ['statementsAbout', 'statementsAbout', 'Statements about this entity, in date order (undated last).'],
  ['statementsVia', 'statementsVia', 'Statements relayed through this entity as an outlet, in date order.'],
] as const;

for (const [field, loader, description] of STATEMENT_LISTS) {
  builder.interfaceField(EntityRef, field, (t) =>
    t.connection({
      type: StatementRef,
      description,
      complexity: connectionCost,
      resolve: async (entity, args, ctx, info) => {
        const { first, after } = forwardPage(args);
        const page = await ctx.loaders[loader].load(entity.id, { first, afterKey: afterPosition(after).afterKey, withTotal: selects(info, 'totalCount') });
        return connectionFromRows(page, first, after, byDate);
      },
    }),
  );
}

/** The filters statements(...) and statementCounts(...) share (all combine with AND). */
export const STATEMENT_FILTER_ARGS = builder.args((t) => ({
  speaker: t.id({ required: false, description: 'Made by this entity: a slug, global id, name or alias ("kyiv", "Vladimir Putin").' }),
  speakerAffiliation: t.id({
    required: false,
    description: 'Made by this country/organization, a part of it, or someone holding a role in it (e.g. "north-korea" for its officials and ministries).',
  }),
  speakerKind: t.field({ type: [EntityKindEnum], required: false, description: 'Made by a speaker of these kinds (e.g. [PERSON] for officials).' }),
  about: t.id({ required: false, description: 'About this entity or event.' }),
  via: t.id({ required: false, description: 'Relayed through this outlet (e.g. "kcna").' }),
  stance: t.field({
    type: StanceEnum,
    required: false,
    description: 'Taking this stance: on `claim` when it is given, else on a claim about `about` when that is given, else on any claim.',
  }),
  claim: t.id({ required: false, description: 'Taking a stance on this claim (slug or global id).' }),
  from: t.string({ required: false, description: 'On or after this date: 2024, 2024-10 or 2024-10-24 (inferred years count).' }),
  to: t.string({ required: false, description: 'On or before this date.' }),
}));

/** Runs `query` with the shared statement filters checked and their entity arguments resolved to slugs. */
export function withStatementFilter<T>(
  ctx: Context,
  args: {
    speaker?: string | number | null;
    speakerAffiliation?: string | number | null;
    speakerKind?: EntityKind[] | null;
    about?: string | number | null;
    via?: string | number | null;
    stance?: string | null;
    claim?: string | number | null;
    from?: string | null;
    to?: string | null;
  },
  query: (filter: StatementFilter) => Promise<T>,
): Promise<T> {
  const filter = {
    speakerKinds: args.speakerKind ?? null,
    stance: args.stance ?? null,
    claimId: optionalSlug(args.claim, 'claim', 'claim'),
    from: dateBound(args.from, 'from', 'from'),
    to: dateBound(args.to, 'to', 'to'),
  };
  return withEntityArguments(ctx, { speaker: args.speaker, speakerAffiliation: args.speakerAffiliation, about: args.about, via: args.via }, (ids) =>
    query({ ...filter, speakerId: ids.speaker, speakerAffiliationId: ids.speakerAffiliation, aboutId: ids.about, viaId: ids.via }),
  );
}

builder.queryField('statements', (t) =>
  t.connection({
    // Nullable so that bad arguments here fail this field only, not the whole response.
    nullable: true,
    type: StatementRef,
    description:
      'Statements in date order (undated last), filtered; all filters combine with AND. Entity filters take a slug, global id, name or alias; one that matches no entity is NOT_FOUND, one that matches several is BAD_USER_INPUT.',
    args: { ...STATEMENT_FILTER_ARGS, includeRetracted: t.arg.boolean({ required: true, defaultValue: false, description: 'Also list retracted statements (see `retracted` and `retractions`).' }) },
    complexity: connectionCost,
    resolve: async (_root, args, ctx, info) => {
      const request = listPage(info, args);
      const projection = rowProjection(info, 'st', statementProjection, { types: ['QueryStatementsConnection', 'QueryStatementsConnectionEdge'], fields: ['edges', 'node'] });
      const page = await withStatementFilter(ctx, args, (filter) =>
        listStatements(ctx.executor, { ...filter, includeRetracted: args.includeRetracted }, request, projection),
      );
      return toConnection(page, request.after);
    },
  }),
);

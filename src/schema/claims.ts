import { listClaimKeys, listClaims, type ClaimKeyCount } from '../graph/claims.js';
import { claimProjection, rowProjection } from '../translate/compile.js';
import type { QuantityRecord } from '../graph/records.js';
import type { STANCES } from '../seed/format.js';
import { connectionCost, firstArgs, firstCost, firstItems, listPage, present, searchText, toConnection } from './args.js';
import { builder } from './builder.js';
import { withEntityArguments } from './entity-arguments.js';
import { ClaimRef, EntityRef, EvidenceRef, SourceRef, StanceTakenRef } from './refs.js';

export const StanceEnum = builder.enumType('Stance', {
  description: 'The position a statement takes on a claim.',
  values: {
    ASSERTS: { value: 'ASSERTS', description: 'States the claim is true.' },
    DENIES: { value: 'DENIES', description: 'States the claim is false.' },
    DOES_NOT_CONFIRM: { value: 'DOES_NOT_CONFIRM', description: 'Neither confirms nor denies (e.g. "did not confirm", "if there is such a thing").' },
    REFRAINS_FROM_DENYING: { value: 'REFRAINS_FROM_DENYING', description: 'Pointedly does not deny it.' },
    DECLINES_TO_COMMENT: { value: 'DECLINES_TO_COMMENT', description: 'Refuses to comment on it.' },
    ESTIMATES: { value: 'ESTIMATES', description: 'Gives an estimate of a quantity.' },
    ACCUSES: { value: 'ACCUSES', description: 'Accuses someone of it.' },
  } satisfies Record<(typeof STANCES)[number], unknown>,
});

const QuantityRef = builder.objectRef<QuantityRecord>('Quantity').implement({
  description: 'A number a claim puts on something (troops, officers, bases...).',
  fields: (t) => ({
    measure: t.exposeString('measure', { description: 'What is counted; claims with the same measure and unit are about the same quantity.' }),
    value: t.exposeFloat('value', { description: 'The number.' }),
    unit: t.exposeString('unit', { description: 'Unit, e.g. "troops".' }),
    approximate: t.exposeBoolean('approximate', { description: 'True when the source hedges ("approximately", "around").' }),
    qualifiers: t.exposeStringList('qualifiers', { description: 'The source\'s own qualifying words, e.g. "already", "with more expected".' }),
  }),
});

builder.node(ClaimRef, {
  description: 'A proposition statements take stances on; may carry a quantity. Conflicting claims are linked.',
  id: { resolve: (claim) => claim.id },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.claim.load(id)),
  fields: (t) => ({
    slug: t.exposeString('id', { description: 'Stable id of the claim.' }),
    proposition: t.exposeString('proposition', { description: 'The proposition, neutrally worded.' }),
    topic: t.exposeString('topic', { description: 'Topic key shared by related claims, e.g. "nk-troops-in-russia".' }),
    quantity: t.field({ type: QuantityRef, nullable: true, description: 'The number it states, if any.', resolve: (claim) => claim.quantity }),
    about: t.field({
      type: [EntityRef],
      description: 'Entities and events the claim is about.',
      resolve: async (claim, _args, ctx) => present(await ctx.loaders.entity.loadMany(claim.aboutIds)),
    }),
    stances: t.field({
      type: [StanceTakenRef],
      description: 'Stances taken on this claim, by which statement (ordered by statement).',
      args: { stance: t.arg({ type: StanceEnum, required: false, description: 'Only this stance (e.g. DENIES).' }), ...firstArgs },
      complexity: firstCost,
      resolve: (claim, args) => firstItems(claim.stances.filter((stance) => !args.stance || stance.stance === args.stance), args.first),
    }),
    conflictsWith: t.field({
      type: [ClaimRef],
      description:
        'Claims that cannot hold together with this one: the same measure with a different value (from other statements), or a contradiction the extraction declares (e.g. "complies with international law" vs "illegal").',
      args: firstArgs,
      complexity: firstCost,
      resolve: async (claim, args, ctx) => present(await ctx.loaders.claim.loadMany(firstItems(claim.conflictIds, args.first))),
    }),
    retracted: t.exposeBoolean('retracted', { description: 'True when an analyst retracted it (listed only with `claims(includeRetracted: true)`; the reason is in `retractions`).' }),
    contested: t.boolean({
      description: 'True when a conflicting claim exists (a different value for the same measure, or a declared contradiction), or someone asserts it while someone denies it.', resolve: (claim) => claim.contested }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'The words of the source stating the claim.',
      resolve: async (claim, _args, ctx) => present(await ctx.loaders.evidence.loadMany(claim.evidenceIds)),
    }),
    source: t.field({ type: SourceRef, nullable: true, description: 'The source it was extracted from.', resolve: (c, _args, ctx) => ctx.loaders.source.load(c.sourceId) }),
  }),
});

builder.queryField('claims', (t) =>
  t.connection({
    // Nullable so that bad arguments here fail this field only, not the whole response.
    nullable: true,
    type: ClaimRef,
    description: 'Claims ordered by slug, filtered; all filters combine with AND. Each claim lists its stances and the claims it conflicts with.',
    args: {
      about: t.arg.id({ required: false, description: 'About this entity or event: a slug, global id, name or alias.' }),
      topic: t.arg.string({ required: false, description: 'With this topic key, e.g. "nk-troops-in-russia".' }),
      text: t.arg.string({ required: false, description: 'Full-text search in the proposition (Lucene syntax).' }),
      measure: t.arg.string({ required: false, description: 'Stating a number for this measure, e.g. "nk-troops-in-russia".' }),
      stance: t.arg({ type: StanceEnum, required: false, description: 'Some statement takes this stance on it (e.g. DENIES).' }),
      hasQuantity: t.arg.boolean({ required: false, description: 'Only claims with (true) or without (false) a number.' }),
      contested: t.arg.boolean({ required: false, description: 'Only contested (true) or uncontested (false) claims.' }),
      includeRetracted: t.arg.boolean({ required: true, defaultValue: false, description: 'Also list retracted claims (not with `text`: full-text search covers current claims only).' }),
    },
    complexity: connectionCost,
    resolve: async (_root, args, ctx, info) => {
      const request = listPage(info, args);
      const filter = {
        topic: args.topic ?? null,
        text: args.text == null ? null : searchText(args.text, ctx.limits, 'text'),
        measure: args.measure ?? null,
        stance: args.stance ?? null,
        hasQuantity: args.hasQuantity ?? null,
        contested: args.contested ?? null,
        includeRetracted: args.includeRetracted,
      };
      const projection = rowProjection(info, 'c', claimProjection, { types: ['QueryClaimsConnection', 'QueryClaimsConnectionEdge'], fields: ['edges', 'node'] });
      const page = await withEntityArguments(ctx, { about: args.about }, (ids) =>
        listClaims(ctx.executor, { ...filter, aboutId: ids.about }, request, projection),
      );
      return toConnection(page, request.after);
    },
  }),
);

const ClaimKeyRef = builder.objectRef<ClaimKeyCount>('ClaimKey');
ClaimKeyRef.implement({
  description: 'A topic or measure key, and how many claims have it.',
  fields: (t) => ({
    key: t.exposeString('id', { description: 'The key, e.g. "nk-troops-in-russia"; pass it to claims(topic:) or claims(measure:).' }),
    claimCount: t.exposeInt('claimCount', { description: 'How many claims have this key.' }),
    units: t.exposeStringList('units', { description: 'For a measure, the units its claims state (at most 10); empty for a topic.' }),
  }),
});

for (const [field, label, description] of [
  ['topics', 'Topic', 'Claim topics in key order, each with its claim count: what claims(topic:) accepts.'],
  ['measures', 'Measure', 'Measures that claims state numbers for, in key order, with claim counts and units: what claims(measure:) accepts.'],
] as const) {
  builder.queryField(field, (t) =>
    t.connection({
      nullable: true,
      type: ClaimKeyRef,
      description,
      complexity: connectionCost,
      resolve: async (_root, args, ctx, info) => {
        const request = listPage(info, args);
        return toConnection(await listClaimKeys(ctx.executor, label, request), request.after);
      },
    }),
  );
}

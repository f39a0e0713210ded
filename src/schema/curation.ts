// Analysts' corrections: upsertEntity, linkEntities, retract, and the retractions they leave.
import { z } from 'zod';
import { addStatement, linkEntities, listRetractions, retract, upsertEntity, type RetractionRecord } from '../graph/curation.js';
import { GraphFailure } from '../graph/errors.js';
import { existingEntity } from './entity-arguments.js';
import { pageSize } from '../graph/paging.js';
import { ENTITY_KINDS, ORIGINS, RELATIONSHIP_BASES, RELATIONSHIP_TYPES, STANCES } from '../seed/format.js';
import { StanceEnum } from './claims.js';
import { ClaimRef, StatementRef } from './refs.js';
import { firstArgs, firstCost, required } from './args.js';
import { renewLoaders } from '../context.js';
import { builder } from './builder.js';
import { BasisEnum, EntityKindEnum, OriginEnum, RelationshipTypeEnum } from './entities.js';
import { UserErrorRef, type UserError } from './ingest.js';
import { EntityRef } from './refs.js';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug').max(200);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** Checks input with zod; its problems become user errors naming the field ("input.aliases.0.name"). */
function check<T>(schema: z.ZodType<T>, input: unknown): { value: T } | { userErrors: UserError[] } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { value: parsed.data };
  return { userErrors: parsed.error.issues.map((issue) => ({ path: ['input', ...issue.path.map(String)].join('.'), message: issue.message })) };
}

/** Runs a write; a refusal of the data layer (unknown entity, kind change, unsupported evidence) becomes a user error. */
async function asUserErrors<T>(write: () => Promise<T>): Promise<{ value: T } | { userErrors: UserError[] }> {
  try {
    return { value: await write() };
  } catch (error) {
    if (error instanceof GraphFailure && (error.code === 'BAD_USER_INPUT' || error.code === 'NOT_FOUND')) {
      return { userErrors: [{ path: `input.${error.details.argumentName ?? ''}`, message: error.message }] };
    }
    throw error;
  }
}

const AliasInput = builder.inputType('AliasInput', {
  description: 'Another name, and whether a source uses it.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The name.' }),
    origin: t.field({ type: OriginEnum, required: true, defaultValue: 'BACKGROUND', description: 'STATED when a source uses it; BACKGROUND otherwise.' }),
  }),
});

const UpsertEntityInput = builder.inputType('UpsertEntityInput', {
  description: 'An entity to create, or to correct (by slug): its name, aliases and description. Its kind cannot change.',
  fields: (t) => ({
    id: t.string({ required: true, description: 'Slug, e.g. "north-korea".' }),
    kind: t.field({ type: EntityKindEnum, required: true, description: 'What it is.' }),
    name: t.string({ required: true, description: 'Canonical name.' }),
    aliases: t.field({ type: [AliasInput], required: true, defaultValue: [], description: 'Other names (replaces the stored list).' }),
    description: t.string({ required: true, description: 'One sentence.' }),
  }),
});

const upsertSchema = z.object({
  id: slug,
  kind: z.enum(ENTITY_KINDS),
  name: text(200),
  aliases: z.array(z.object({ name: text(200), origin: z.enum(ORIGINS) })).max(50),
  description: text(2000),
});

const EntityPayloadRef = builder.objectRef<{ entityId: string | null; userErrors: UserError[] }>('UpsertEntityPayload').implement({
  description: 'The entity as stored, or what was wrong (then nothing was written).',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, nullable: true, description: 'The entity.', resolve: (p, _args, ctx) => (p.entityId ? ctx.loaders.entity.load(p.entityId) : null) }),
    userErrors: t.field({ type: [UserErrorRef], description: 'Problems with the input; empty on success.', resolve: (p) => p.userErrors }),
  }),
});

builder.mutationField('upsertEntity', (t) =>
  t.field({
    type: EntityPayloadRef,
    description: 'Creates an entity or corrects one (same slug): idempotent, one transaction, records who and when.',
    args: { input: t.arg({ type: UpsertEntityInput, required: true, description: 'The entity.' }) },
    resolve: async (_root, { input }, ctx) => {
      const checked = check(upsertSchema, input);
      if ('userErrors' in checked) return { entityId: null, userErrors: checked.userErrors };
      const written = await asUserErrors(() => upsertEntity(ctx.executor, checked.value, ctx.auth.principal ?? 'anonymous'));
      if ('userErrors' in written) return { entityId: null, userErrors: written.userErrors };
      ctx.pubsub.publish('entity:changed', { entityId: written.value.id });
      return { entityId: written.value.id, userErrors: [] };
    },
  }),
);

const SpanInput = builder.inputType('SpanInput', {
  description: 'Words of a stored source, by offsets (JavaScript string offsets into its text).',
  fields: (t) => ({
    source: t.string({ required: true, description: 'Source slug.' }),
    start: t.int({ required: true, description: 'First character.' }),
    end: t.int({ required: true, description: 'One past the last character.' }),
  }),
});

const LinkEntitiesInput = builder.inputType('LinkEntitiesInput', {
  description: 'A relationship between two stored entities, with the words that support it.',
  fields: (t) => ({
    id: t.string({ required: false, description: 'Slug of the relationship; default: derived from type, ends and evidence, so a retry writes the same one.' }),
    type: t.field({ type: RelationshipTypeEnum, required: true, description: 'Relationship type.' }),
    from: t.string({ required: true, description: 'Slug of the start entity.' }),
    to: t.string({ required: true, description: 'Slug of the end entity.' }),
    basis: t.field({ type: BasisEnum, required: true, description: 'STATED needs evidence naming both ends; ALLEGED needs `claim`.' }),
    role: t.string({ required: false, description: 'For HOLDS_ROLE, the title.' }),
    note: t.string({ required: false, description: 'Why, when it is not obvious from the evidence.' }),
    claim: t.string({ required: false, description: 'For ALLEGED: slug of the claim that alleges it.' }),
    evidence: t.field({ type: [SpanInput], required: true, description: 'Supporting spans (at least one unless BACKGROUND).' }),
  }),
});

const linkSchema = z
  .object({
    id: slug.nullish(),
    type: z.enum(RELATIONSHIP_TYPES),
    from: slug,
    to: slug,
    basis: z.enum(RELATIONSHIP_BASES),
    role: text(200).nullish(),
    note: text(2000).nullish(),
    claim: slug.nullish(),
    evidence: z.array(z.object({ source: slug, start: z.number().int().min(0), end: z.number().int().min(1) }).refine((span) => span.end > span.start, { message: 'end must be greater than start', path: ['end'] })).max(20),
  })
  .refine((link) => link.basis === 'BACKGROUND' || link.evidence.length > 0, { message: 'a STATED or ALLEGED link needs evidence', path: ['evidence'] })
  .refine((link) => link.basis !== 'ALLEGED' || link.claim, { message: 'an ALLEGED link names the claim that alleges it', path: ['claim'] })
  .refine((link) => link.from !== link.to, { message: 'an entity cannot be linked to itself', path: ['to'] });

const LinkPayloadRef = builder.objectRef<{ id: string | null; quotes: string[]; userErrors: UserError[] }>('LinkEntitiesPayload').implement({
  description: 'The relationship written, or what was wrong (then nothing was written).',
  fields: (t) => ({
    relationshipId: t.exposeString('id', { nullable: true, description: 'Slug of the relationship.' }),
    quotes: t.exposeStringList('quotes', { description: 'The words of each evidence span, cut from the stored source.' }),
    userErrors: t.field({ type: [UserErrorRef], description: 'Problems with the input; empty on success.', resolve: (p) => p.userErrors }),
  }),
});

builder.mutationField('linkEntities', (t) =>
  t.field({
    type: LinkPayloadRef,
    description: 'Links two stored entities; evidence offsets are checked against the stored source text. Idempotent (MERGE on the relationship slug).',
    args: { input: t.arg({ type: LinkEntitiesInput, required: true, description: 'The relationship.' }) },
    resolve: async (_root, { input }, ctx) => {
      const checked = check(linkSchema, input);
      if ('userErrors' in checked) return { id: null, quotes: [], userErrors: checked.userErrors };
      const link = checked.value;
      const spans = link.evidence.map((span) => `${span.source}-${span.start}-${span.end}`).join('-');
      const id = link.id ?? `link-${link.type.toLowerCase().replace(/_/g, '-')}-${link.from}-${link.to}${spans ? `-${spans}` : ''}`.slice(0, 200).replace(/-+$/, '');
      const written = await asUserErrors(() =>
        linkEntities(ctx.executor, { ...link, id, role: link.role ?? null, note: link.note ?? null, claimId: link.claim ?? null }, ctx.auth.principal ?? 'anonymous'),
      );
      if ('userErrors' in written) return { id: null, quotes: [], userErrors: written.userErrors };
      for (const entityId of [link.from, link.to]) ctx.pubsub.publish('entity:changed', { entityId });
      return { id: written.value.id, quotes: written.value.quotes, userErrors: [] };
    },
  }),
);

const DateInput = builder.inputType('StatementDateInput', {
  description: 'When a statement was made, as precisely as the source says (the parts it gives).',
  fields: (t) => ({
    year: t.int({ required: false, description: 'Only when the source states the year.' }),
    month: t.int({ required: false, description: '1 to 12.' }),
    day: t.int({ required: false, description: '1 to 31 (needs month).' }),
    evidence: t.field({ type: SpanInput, required: true, description: 'The words that give the date.' }),
  }),
});

const StanceInput = builder.inputType('StanceInput', {
  description: 'A stance the statement takes on a stored claim.',
  fields: (t) => ({
    claim: t.string({ required: true, description: 'Slug of the claim.' }),
    stance: t.field({ type: StanceEnum, required: true, description: 'The stance.' }),
    evidence: t.field({ type: [SpanInput], required: true, description: 'The words that show it (at least one span).' }),
  }),
});

const QuantityInput = builder.inputType('QuantityInput', {
  description: 'A number a claim states. Claims with the same measure and unit but different values are linked as conflicting.',
  fields: (t) => ({
    measure: t.string({ required: true, description: 'Slug of what is measured, e.g. "north-korean-troops-in-russia" (see `measures`).' }),
    value: t.float({ required: true, description: 'The number.' }),
    unit: t.string({ required: true, description: 'Unit, e.g. "soldiers".' }),
    approximate: t.boolean({ required: true, defaultValue: false, description: 'True for "about", "some", "more than".' }),
    qualifiers: t.stringList({ required: true, defaultValue: [], description: 'Words that qualify the number, e.g. "more than".' }),
  }),
});

const ContradictsInput = builder.inputType('ContradictsInput', {
  description: 'A claim that cannot be true together with this one.',
  fields: (t) => ({
    claim: t.string({ required: true, description: 'Slug of a stored claim, or of another claim of this call.' }),
    reason: t.string({ required: true, description: 'Why they cannot both hold.' }),
  }),
});

const NewClaimInput = builder.inputType('NewClaimInput', {
  description: 'A claim the statement makes, written with it.',
  fields: (t) => ({
    id: t.string({ required: false, description: 'Slug; default: derived from the source and the evidence, so a retry writes the same claim.' }),
    proposition: t.string({ required: true, description: 'What it asserts, as one sentence.' }),
    topic: t.string({ required: true, description: 'Slug of its topic (see `topics`).' }),
    about: t.stringList({ required: true, defaultValue: [], description: 'Slugs of the entities it is about.' }),
    quantity: t.field({ type: QuantityInput, required: false, description: 'The number it states, if any.' }),
    evidence: t.field({ type: [SpanInput], required: true, description: 'The words that make the claim (at least one span).' }),
    contradicts: t.field({ type: [ContradictsInput], required: true, defaultValue: [], description: 'Claims it contradicts (non-numeric; numbers are compared by measure).' }),
  }),
});

const AddStatementInput = builder.inputType('AddStatementInput', {
  description: 'A statement of a stored source: its speakers and subjects (stored entities), evidence, the claims it makes and its stances on claims.',
  fields: (t) => ({
    id: t.string({ required: false, description: 'Slug; default: derived from the source and the evidence, so a retry writes the same statement.' }),
    source: t.string({ required: true, description: 'Slug of the stored source the spans point into.' }),
    speakers: t.stringList({ required: true, description: 'Slugs of who said it (at least one).' }),
    via: t.string({ required: false, description: 'Slug of the outlet that relayed it.' }),
    about: t.stringList({ required: true, defaultValue: [], description: 'Slugs of what it is about.' }),
    cites: t.stringList({ required: true, defaultValue: [], description: 'Slugs of the sources it cites.' }),
    summary: t.string({ required: true, description: 'One-sentence paraphrase.' }),
    quote: t.field({ type: SpanInput, required: false, description: 'The verbatim quotation, when there is one.' }),
    date: t.field({ type: DateInput, required: false, description: 'When it was said.' }),
    evidence: t.field({ type: [SpanInput], required: true, description: 'The words reporting it (at least one span).' }),
    claims: t.field({ type: [NewClaimInput], required: true, defaultValue: [], description: 'New claims the statement makes; stances may name them.' }),
    stances: t.field({ type: [StanceInput], required: true, defaultValue: [], description: 'Stances on stored claims or on the new ones.' }),
  }),
});

const span = z.object({ source: slug, start: z.number().int().min(0), end: z.number().int().min(1) }).refine((s) => s.end > s.start, { message: 'end must be greater than start', path: ['end'] });
const statementSchema = z.object({
  id: slug.nullish(),
  source: slug,
  speakers: z.array(slug).min(1, 'needs at least one speaker').max(20),
  via: slug.nullish(),
  about: z.array(slug).max(50),
  cites: z.array(slug).max(50),
  summary: text(2000),
  quote: span.nullish(),
  date: z
    .object({ year: z.number().int().min(1).max(9999).nullish(), month: z.number().int().min(1).max(12).nullish(), day: z.number().int().min(1).max(31).nullish(), evidence: span })
    .refine((date) => date.day == null || date.month != null, { message: 'a day needs its month', path: ['day'] })
    .refine((date) => date.year != null || date.month != null, { message: 'give at least a year or a month', path: ['year'] })
    .refine((date) => date.day == null || date.month == null || date.day <= new Date(Date.UTC(date.year ?? 2024, date.month, 0)).getUTCDate(), { message: 'that month has no such day', path: ['day'] })
    .nullish(),
  evidence: z.array(span).min(1, 'needs at least one span').max(20),
  claims: z
    .array(
      z.object({
        id: slug.nullish(),
        proposition: text(2000),
        topic: slug,
        about: z.array(slug).max(50),
        quantity: z
          .object({ measure: slug, value: z.number().finite(), unit: text(100), approximate: z.boolean(), qualifiers: z.array(text(200)).max(10) })
          .nullish(),
        evidence: z.array(span).min(1, 'needs at least one span').max(20),
        contradicts: z.array(z.object({ claim: slug, reason: text(2000) })).max(20),
      }),
    )
    .max(20),
  stances: z.array(z.object({ claim: slug, stance: z.enum(STANCES), evidence: z.array(span).min(1, 'needs at least one span').max(20) })).max(50),
});

/** A slug derived from the source and the evidence offsets, so that a retry without an id writes the same node. */
function derivedId(source: string, kind: 'stmt' | 'claim', evidence: { start: number; end: number }[]): string {
  return `${source}-${kind}-${evidence.map((s) => `${s.start}-${s.end}`).join('-')}`.slice(0, 200).replace(/-+$/, '');
}

const AddStatementPayloadRef = builder.objectRef<{ statementId: string | null; userErrors: UserError[] }>('AddStatementPayload').implement({
  description: 'The statement written, or what was wrong (then nothing was written).',
  fields: (t) => ({
    statement: t.field({ type: StatementRef, nullable: true, description: 'The statement.', resolve: (p, _args, ctx) => (p.statementId ? ctx.loaders.statement.load(p.statementId) : null) }),
    userErrors: t.field({ type: [UserErrorRef], description: 'Problems with the input; empty on success.', resolve: (p) => p.userErrors }),
  }),
});

builder.mutationField('addStatement', (t) =>
  t.field({
    type: AddStatementPayloadRef,
    description: 'Adds a statement to a stored source (or replaces it, same id) with the claims it makes: spans cut from the source text; speakers, subjects and claims must exist or be new here. One transaction, retry-safe.',
    args: { input: t.arg({ type: AddStatementInput, required: true, description: 'The statement.' }) },
    resolve: async (_root, { input }, ctx) => {
      const checked = check(statementSchema, input);
      if ('userErrors' in checked) return { statementId: null, userErrors: checked.userErrors };
      const draft = checked.value;
      const id = draft.id ?? derivedId(draft.source, 'stmt', draft.evidence);
      const claims = draft.claims.map((claim) => ({ ...claim, id: claim.id ?? derivedId(draft.source, 'claim', claim.evidence), quantity: claim.quantity ?? null }));
      const duplicate = claims.find((claim, i) => claims.findIndex((other) => other.id === claim.id) !== i);
      if (duplicate) return { statementId: null, userErrors: [{ path: 'input.claims', message: `two claims have the id "${duplicate.id}"` }] };
      const date = draft.date ? { year: draft.date.year ?? null, month: draft.date.month ?? null, day: draft.date.day ?? null, evidence: draft.date.evidence } : null;
      const written = await asUserErrors(() =>
        addStatement(ctx.executor, { ...draft, id, via: draft.via ?? null, quote: draft.quote ?? null, date, claims }, ctx.auth.principal ?? 'anonymous'),
      );
      if ('userErrors' in written) return { statementId: null, userErrors: written.userErrors };
      ctx.pubsub.publish('statement:added', { statementId: id, entityIds: [...new Set([...draft.speakers, ...draft.about, ...draft.cites, ...(draft.via ? [draft.via] : [])])] });
      for (const claim of written.value.claims) ctx.pubsub.publish('claim:changed', { claimId: claim.id, retracted: false, aboutIds: claim.aboutIds });
      return { statementId: id, userErrors: [] };
    },
  }),
);

const RetractableKindEnum = builder.enumType('RetractableKind', {
  description: 'What can be retracted.',
  values: {
    STATEMENT: { value: 'STATEMENT', description: 'A statement (by slug).' },
    CLAIM: { value: 'CLAIM', description: 'A claim (by slug).' },
    RELATIONSHIP: { value: 'RELATIONSHIP', description: 'A relationship between entities (by its slug).' },
  } as const,
});

const RetractionRef = builder.objectRef<RetractionRecord>('Retraction').implement({
  description: 'A fact taken back, kept with why, by whom and when; the fact is hidden from every other query.',
  fields: (t) => ({
    kind: t.field({ type: RetractableKindEnum, description: 'What was retracted.', resolve: (r) => r.kind }),
    slug: t.exposeString('id', { description: 'Slug of the retracted fact.' }),
    description: t.exposeString('description', { description: 'What the fact said: summary, proposition, or type and ends.' }),
    reason: t.exposeString('reason', { description: 'Why it was retracted.' }),
    retractedBy: t.exposeString('retractedBy', { description: 'Who retracted it (key name or token subject).' }),
    retractedAt: t.exposeString('retractedAt', { description: 'When (ISO 8601).' }),
  }),
});

const RetractInput = builder.inputType('RetractInput', {
  description: 'A fact to take back, and why.',
  fields: (t) => ({
    kind: t.field({ type: RetractableKindEnum, required: true, description: 'What it is.' }),
    id: t.string({ required: true, description: 'Its slug.' }),
    reason: t.string({ required: true, description: 'Why (kept with the retraction).' }),
  }),
});

const retractSchema = z.object({ kind: z.enum(['STATEMENT', 'CLAIM', 'RELATIONSHIP']), id: slug, reason: text(2000) });

const RetractPayloadRef = builder.objectRef<{ retraction: RetractionRecord | null; userErrors: UserError[] }>('RetractPayload').implement({
  description: 'The retraction, or what was wrong (then nothing changed).',
  fields: (t) => ({
    retraction: t.field({ type: RetractionRef, nullable: true, description: 'The retraction (the first one, when retried).', resolve: (p) => p.retraction }),
    userErrors: t.field({ type: [UserErrorRef], description: 'Problems with the input; empty on success.', resolve: (p) => p.userErrors }),
  }),
});

builder.mutationField('retract', (t) =>
  t.field({
    type: RetractPayloadRef,
    description: 'Retracts a statement, claim or relationship with a reason. Nothing is deleted: the fact leaves every query but `retractions`. A retry returns the first retraction.',
    args: { input: t.arg({ type: RetractInput, required: true, description: 'What and why.' }) },
    resolve: async (_root, { input }, ctx) => {
      const checked = check(retractSchema, input);
      if ('userErrors' in checked) return { retraction: null, userErrors: checked.userErrors };
      const { kind, id, reason } = checked.value;
      const written = await asUserErrors(() => retract(ctx.executor, kind, id, reason, ctx.auth.principal ?? 'anonymous'));
      if ('userErrors' in written) return { retraction: null, userErrors: written.userErrors };
      if (kind === 'CLAIM') ctx.pubsub.publish('claim:changed', { claimId: id, retracted: true, aboutIds: written.value.aboutIds ?? [] });
      return { retraction: written.value, userErrors: [] };
    },
  }),
);

builder.queryField('retractions', (t) =>
  t.field({
    type: [RetractionRef],
    description: 'Retracted statements, claims and relationships, newest first: what was said, why it was taken back, by whom and when.',
    args: firstArgs,
    complexity: firstCost,
    resolve: (_root, args, ctx) => listRetractions(ctx.executor, pageSize(args.first)),
  }),
);

builder.subscriptionField('entityChanged', (t) =>
  t.field({
    type: EntityRef,
    description: 'An entity after upsertEntity or linkEntities changed it (optionally only this entity, by slug).',
    args: { entity: t.arg.id({ required: false, description: 'Only this entity (slug, global id, name or alias).' }) },
    subscribe: async (_root, args, ctx) => {
      const entity = await existingEntity(ctx, args.entity);
      return filterTopic(ctx.pubsub.subscribe('entity:changed'), (event) => entity === null || event.entityId === entity);
    },
    resolve: (event, _args, ctx) => {
      renewLoaders(ctx);
      return required(ctx.loaders.entity.load(event.entityId), `entity ${event.entityId}`);
    },
  }),
);

const ClaimChangeRef = builder.objectRef<{ claimId: string; retracted: boolean }>('ClaimChange').implement({
  description: 'A claim that was written, gained a stance, or was retracted.',
  fields: (t) => ({
    slug: t.exposeString('claimId', { description: 'Slug of the claim.' }),
    retracted: t.exposeBoolean('retracted', { description: 'True when it was retracted (then `claim` is null).' }),
    claim: t.field({ type: ClaimRef, nullable: true, description: 'The claim as it is now; null once retracted.', resolve: (change, _args, ctx) => (change.retracted ? null : ctx.loaders.claim.load(change.claimId)) }),
  }),
});

builder.subscriptionField('claimChanged', (t) =>
  t.field({
    type: ClaimChangeRef,
    description: 'Claims as ingestDocument writes them, addStatement takes a stance on them, or retract takes them back; optionally only one claim, or only claims about one entity.',
    args: {
      claim: t.arg.string({ required: false, description: 'Only this claim (slug).' }),
      entity: t.arg.id({ required: false, description: 'Only claims about this entity (slug, global id, name or alias).' }),
    },
    subscribe: async (_root, args, ctx) => {
      const entity = await existingEntity(ctx, args.entity);
      return filterTopic(ctx.pubsub.subscribe('claim:changed'), (event) => (!args.claim || event.claimId === args.claim) && (entity === null || event.aboutIds.includes(entity)));
    },
    resolve: (event, _args, ctx) => {
      renewLoaders(ctx);
      return event;
    },
  }),
);

/** Keeps the events that pass `keep`. */
async function* filterTopic<T>(events: AsyncIterable<T>, keep: (event: T) => boolean): AsyncGenerator<T> {
  for await (const event of events) if (keep(event)) yield event;
}

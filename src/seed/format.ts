import { z } from 'zod';

/** Stable slug: lowercase words joined by dashes. Ids are shared across documents. */
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug');

export const ENTITY_KINDS = ['Country', 'Person', 'Organization', 'Agreement', 'Event'] as const;
export const RELATIONSHIP_TYPES = [
  'HOLDS_ROLE',
  'PART_OF',
  'PARTY_TO',
  'AT_WAR_WITH',
  'ALLIED_WITH',
  'INVOLVED_IN',
  'SUPPLIES',
  'LOCATED_IN',
] as const;
export const STANCES = [
  'ASSERTS',
  'DENIES',
  'DOES_NOT_CONFIRM',
  'REFRAINS_FROM_DENYING',
  'DECLINES_TO_COMMENT',
  'ESTIMATES',
  'ACCUSES',
] as const;
export const DATE_PRECISIONS = ['DAY', 'MONTH_DAY', 'MONTH', 'YEAR'] as const;
export const RELATIONSHIP_BASES = ['STATED', 'ALLEGED', 'BACKGROUND'] as const;
export const ORG_TYPES = ['MINISTRY', 'NEWS_AGENCY', 'INTELLIGENCE_SERVICE', 'LEGISLATORS', 'GOVERNMENT_GROUP', 'MEDIA', 'OTHER'] as const;
export const EVENT_STATUSES = ['OCCURRING', 'ALLEGED', 'PLANNED', 'REPORTED'] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];
export type Stance = (typeof STANCES)[number];
export type RelationshipBasis = (typeof RELATIONSHIP_BASES)[number];

/** A span of a source's text: JavaScript string offsets (UTF-16 code units) and the exact words. */
export const evidenceSchema = z
  .object({
    source: slug,
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    quote: z.string().min(1),
  })
  .strict()
  .refine((span) => span.end > span.start, { message: 'end must be greater than start', path: ['end'] });

/** A date as the source gives it: its precision, and any inferred part marked as inferred. */
export const dateSpecSchema = z
  .object({
    text: z.string().min(1).nullable().describe('The words of the source, e.g. "Oct. 25"; null when not stated.'),
    year: z.number().int().nullable().describe('Only when the source states the year.'),
    month: z.number().int().min(1).max(12).nullable(),
    day: z.number().int().min(1).max(31).nullable(),
    precision: z.enum(DATE_PRECISIONS).describe('What the source states: "Oct. 25" is MONTH_DAY.'),
    inferredYear: z.number().int().nullable().describe('A year inferred, never presented as stated.'),
    inferredYearBasis: z.string().min(1).nullable(),
    inferred: z.boolean().describe('True when the date itself is inferred from context, not stated for this item.'),
    inferenceBasis: z.string().min(1).nullable(),
    evidence: z.array(evidenceSchema),
  })
  .strict()
  .superRefine((date, ctx) => {
    const need = (ok: boolean, path: string, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    need(
      date.precision !== 'DAY' || (date.year !== null && date.month !== null && date.day !== null),
      'year',
      'DAY precision needs year, month and day',
    );
    need(
      date.precision !== 'MONTH_DAY' || (date.month !== null && date.day !== null && date.year === null),
      'month',
      'MONTH_DAY precision needs month and day and no stated year',
    );
    need(date.precision !== 'MONTH' || date.month !== null, 'month', 'MONTH precision needs month');
    need(date.precision !== 'YEAR' || date.year !== null, 'year', 'YEAR precision needs year');
    need(date.inferredYear === null || date.inferredYearBasis !== null, 'inferredYearBasis', 'an inferred year needs its basis');
    need(date.inferredYear === null || date.year === null, 'inferredYear', 'a stated year cannot also be inferred');
    need(!date.inferred || date.inferenceBasis !== null, 'inferenceBasis', 'an inferred date needs its basis');
    need(date.inferred || date.text !== null, 'text', 'a stated date needs the words of the source');
  });

/** Where a name or fact comes from: the source's own words, or knowledge from outside it. */
export const ORIGINS = ['STATED', 'BACKGROUND'] as const;
export type Origin = (typeof ORIGINS)[number];

/** Another name of an entity, marked with its origin: a STATED alias must occur in the source text. */
export const aliasSchema = z
  .object({
    name: z.string().min(1),
    basis: z.enum(ORIGINS).describe('STATED: the source uses this name; BACKGROUND: known from outside the source.'),
  })
  .strict();

export const entitySchema = z
  .object({
    id: slug,
    kind: z.enum(ENTITY_KINDS),
    name: z.string().min(1),
    aliases: z.array(aliasSchema),
    description: z.string().min(1),
    background: z.array(z.string().min(1)).describe('Background knowledge not in the source, each marked as such.'),
    mentions: z.array(evidenceSchema),
    orgType: z.enum(ORG_TYPES).optional(),
    eventStatus: z.enum(EVENT_STATUSES).optional(),
    date: dateSpecSchema.optional(),
  })
  .strict()
  .superRefine((entity, ctx) => {
    if (entity.orgType !== undefined && entity.kind !== 'Organization') {
      ctx.addIssue({ code: 'custom', path: ['orgType'], message: 'only an Organization has an orgType' });
    }
    if ((entity.eventStatus !== undefined || entity.date !== undefined) && entity.kind !== 'Event') {
      ctx.addIssue({ code: 'custom', path: ['eventStatus'], message: 'only an Event has an eventStatus or date' });
    }
  });

export const relationshipSchema = z
  .object({
    id: slug,
    type: z.enum(RELATIONSHIP_TYPES),
    from: slug,
    to: slug,
    role: z.string().min(1).nullable(),
    basis: z.enum(RELATIONSHIP_BASES),
    claimId: slug.nullable(),
    since: dateSpecSchema.nullable(),
    note: z.string().min(1).nullable(),
    evidence: z.array(evidenceSchema),
  })
  .strict()
  .superRefine((rel, ctx) => {
    if (rel.basis === 'ALLEGED' && rel.claimId === null) {
      ctx.addIssue({ code: 'custom', path: ['claimId'], message: 'an ALLEGED relationship names the claim that alleges it' });
    }
    if (rel.basis === 'STATED' && rel.evidence.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'a STATED relationship needs evidence' });
    }
  });

export const stanceSchema = z
  .object({
    claim: slug,
    stance: z.enum(STANCES),
    evidence: z.array(evidenceSchema).min(1),
  })
  .strict();

export const statementSchema = z
  .object({
    id: slug,
    speakers: z.array(slug).min(1),
    via: slug.nullable(),
    cites: z.array(slug),
    citesText: z.string().min(1).nullable(),
    about: z.array(slug),
    summary: z.string().min(1),
    quote: evidenceSchema.nullable().describe('Verbatim direct quotation only.'),
    date: dateSpecSchema.nullable(),
    evidence: z.array(evidenceSchema).min(1),
    stances: z.array(stanceSchema),
  })
  .strict();

export const quantitySchema = z
  .object({
    measure: slug.describe('Claims with the same measure and unit are about the same quantity.'),
    value: z.number(),
    unit: z.string().min(1),
    approximate: z.boolean(),
    qualifiers: z.array(z.string().min(1)),
  })
  .strict();

export const claimSchema = z
  .object({
    id: slug,
    proposition: z.string().min(1),
    topic: slug,
    about: z.array(slug),
    quantity: quantitySchema.nullable(),
    evidence: z.array(evidenceSchema).min(1),
    contradicts: z
      .array(
        z
          .object({
            claim: slug.describe('A claim on the same topic that cannot be true together with this one.'),
            reason: z.string().min(1).describe("Why they cannot both hold (the analyst's reading, not a quote)."),
          })
          .strict(),
      )
      .default([])
      .describe('Non-numeric contradictions; conflicting quantities of one measure are linked automatically.'),
  })
  .strict();

export const sourceSchema = z
  .object({
    id: slug,
    title: z.string().min(1),
    file: z.string().regex(/^[\w.-]+\.txt$/, 'must be a .txt file name next to the document'),
    publisher: z.string().min(1).nullable(),
    url: z.url().nullable(),
    publishedDate: dateSpecSchema.nullable(),
    language: z.string().min(2),
  })
  .strict();

/** One ingested source and everything extracted from it. */
export const seedDocumentSchema = z
  .object({
    $schema: z.string().optional(),
    formatVersion: z.literal(1),
    source: sourceSchema,
    entities: z.array(entitySchema),
    relationships: z.array(relationshipSchema),
    statements: z.array(statementSchema),
    claims: z.array(claimSchema),
  })
  .strict();

export type Evidence = z.infer<typeof evidenceSchema>;
export type DateSpec = z.infer<typeof dateSpecSchema>;
export type SeedEntity = z.infer<typeof entitySchema>;
export type SeedRelationship = z.infer<typeof relationshipSchema>;
export type SeedStatement = z.infer<typeof statementSchema>;
export type SeedClaim = z.infer<typeof claimSchema>;
export type SeedAlias = z.infer<typeof aliasSchema>;
export type SeedDocument = z.infer<typeof seedDocumentSchema>;

/** JSON Schema of the seed format, for editors and other tools. */
export function seedJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(seedDocumentSchema, { target: 'draft-2020-12', io: 'input' });
}

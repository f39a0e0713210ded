// Writes: a whole document in the seed format, loaded exactly as the seeder loads it; and the events they announce.
import { filter, pipe } from 'graphql-yoga';
import type { Context } from '../context.js';
import { GraphFailure } from '../graph/errors.js';
import { seedDocuments } from '../seed/load.js';
import { documentReferences, SeedValidationError, validateDocument } from '../seed/validate.js';
import { required } from './args.js';
import { renewLoaders } from '../context.js';
import { builder } from './builder.js';
import { existingEntity } from './entity-arguments.js';
import { SourceRef, StatementRef } from './refs.js';

/** A problem with a mutation's input, and where. */
export interface UserError {
  /** JSON path of the offending value in the document, e.g. $.statements[2].speakers[0]. */
  path: string;
  message: string;
}

interface IngestResult {
  sourceId: string | null;
  summary: { entities: number; relationships: number; statements: number; claims: number; evidence: number; unchanged: boolean } | null;
  userErrors: UserError[];
}

export const UserErrorRef = builder.objectRef<UserError>('UserError').implement({
  description: 'A problem with the input: where it is and what is wrong. Nothing was written.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'JSON path of the offending value, e.g. "$.statements[2].speakers[0]".' }),
    message: t.exposeString('message', { description: 'What is wrong, in words.' }),
  }),
});

const IngestSummaryRef = builder.objectRef<NonNullable<IngestResult['summary']>>('IngestSummary').implement({
  description: 'What one ingestion wrote.',
  fields: (t) => ({
    entities: t.exposeInt('entities', { description: 'Entities the document defines (created, or merged with stored ones of the same id).' }),
    relationships: t.exposeInt('relationships', { description: 'Relationships written.' }),
    statements: t.exposeInt('statements', { description: 'Statements written.' }),
    claims: t.exposeInt('claims', { description: 'Claims written.' }),
    evidence: t.exposeInt('evidence', { description: 'Distinct evidence spans written (0 when unchanged).' }),
    unchanged: t.exposeBoolean('unchanged', { description: 'True when the same content was already loaded: nothing was written (a retry is safe).' }),
  }),
});

const IngestPayloadRef = builder.objectRef<IngestResult>('IngestDocumentPayload').implement({
  description: 'The source written, what was written, or the problems that stopped it (then nothing was written).',
  fields: (t) => ({
    source: t.field({ type: SourceRef, nullable: true, description: 'The source, when it was loaded.', resolve: (result, _args, ctx) => (result.sourceId ? ctx.loaders.source.load(result.sourceId) : null) }),
    summary: t.field({ type: IngestSummaryRef, nullable: true, description: 'What was written.', resolve: (result) => result.summary }),
    userErrors: t.field({ type: [UserErrorRef], description: 'Problems with the input; empty on success.', resolve: (result) => result.userErrors }),
  }),
});

const IngestDocumentInput = builder.inputType('IngestDocumentInput', {
  description: 'A source and everything extracted from it, in the seed-data format (seed-data/document.schema.json).',
  fields: (t) => ({
    document: t.string({ required: true, description: 'The document as JSON text.' }),
    text: t.string({ required: true, description: 'The source text its evidence spans point into.' }),
  }),
});

/** Validates and loads one document for a client: problems come back as user errors, and nothing is written. */
async function ingest(ctx: Context, documentJson: string, text: string): Promise<IngestResult> {
  const failed = (path: string, message: string): IngestResult => ({ sourceId: null, summary: null, userErrors: [{ path, message }] });
  let json: unknown;
  try {
    json = JSON.parse(documentJson);
  } catch (error) {
    return failed('$', `is not valid JSON: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`);
  }
  try {
    const validated = validateDocument('document', json, text);
    const [summary] = await seedDocuments(ctx.executor, [validated], { writer: ctx.auth.principal ?? 'anonymous' });
    if (!summary) throw new Error('the loader returned no summary');
    if (!summary.unchanged) {
      for (const statement of validated.document.statements) {
        const involved = documentReferences({ ...validated.document, statements: [statement], relationships: [], claims: [] }).entities;
        ctx.pubsub.publish('statement:added', { statementId: statement.id, entityIds: [...involved] });
      }
      for (const claim of validated.document.claims) ctx.pubsub.publish('claim:changed', { claimId: claim.id, retracted: false, aboutIds: claim.about });
    }
    const { sourceId, unchanged, entities, relationships, statements, claims, evidence } = summary;
    return { sourceId, summary: { unchanged, entities, relationships, statements, claims, evidence }, userErrors: [] };
  } catch (error) {
    if (error instanceof SeedValidationError) return failed(error.jsonPath, error.problem);
    if (error instanceof GraphFailure && error.code === 'SEED_CONFLICT') return failed('$', error.message);
    throw error;
  }
}

builder.mutationField('ingestDocument', (t) =>
  t.field({
    type: IngestPayloadRef,
    description:
      'Loads a whole document (source text plus extraction) exactly as `npm run seed` does: validated first (errors name the JSON path), one transaction, references resolved against the graph. Re-sending the same content writes nothing (`unchanged`); a changed document replaces what its source wrote before.',
    args: { input: t.arg({ type: IngestDocumentInput, required: true, description: 'The document and its source text.' }) },
    resolve: (_root, { input }, ctx) => ingest(ctx, input.document, input.text),
  }),
);

builder.subscriptionField('statementAdded', (t) =>
  t.field({
    type: StatementRef,
    description: 'Each statement as it is written (by ingestDocument), optionally only those involving an entity: as speaker, subject, outlet or cited source.',
    args: { entity: t.arg.id({ required: false, description: 'Only statements involving this entity (slug, global id, name or alias).' }) },
    subscribe: async (_root, args, ctx) => {
      const entity = await existingEntity(ctx, args.entity);
      const events = ctx.pubsub.subscribe('statement:added');
      // Only the events this subscriber asked for reach its resolver.
      return entity === null ? events : pipe(events, filter((event) => event.entityIds.includes(entity)));
    },
    resolve: (event, _args, ctx) => {
      renewLoaders(ctx);
      return required(ctx.loaders.statement.load(event.statementId), `statement ${event.statementId}`);
    },
  }),
);

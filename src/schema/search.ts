import { searchGraph, type SearchHit } from '../graph/search.js';
import { highlight } from './highlight.js';
import { pageSize } from '../graph/paging.js';
import { searchText } from './args.js';
import { builder } from './builder.js';
import { entityProjection, rowProjection, statementProjection } from '../translate/compile.js';
import { pageCost } from './cost.js';

/** A full-text query reads two indexes: priced above a lookup. */
const SEARCH_COST = 5;
import { EntityRef, StatementRef } from './refs.js';

const SearchHitKindEnum = builder.enumType('SearchHitKind', {
  description: 'What a search hit is.',
  values: { ENTITY: { value: 'ENTITY', description: 'An entity.' }, STATEMENT: { value: 'STATEMENT', description: 'A statement.' } },
});

const SearchHitRef = builder.objectRef<SearchHit & { query: string }>('SearchHit').implement({
  description: 'A full-text match.',
  fields: (t) => ({
    kind: t.field({ type: SearchHitKindEnum, description: 'Entity or statement.', resolve: (hit) => hit.kind }),
    score: t.exposeFloat('score', { description: 'Relevance (Lucene score); hits are ordered by it.' }),
    matchedText: t.exposeString('matchedText', { description: 'The field that matched best (name, alias, description, summary or quote).' }),
    highlight: t.string({ description: 'matchedText with the query\'s words wrapped in <mark>...</mark>.', resolve: (hit) => highlight(hit.matchedText, hit.query) }),
    entity: t.field({ type: EntityRef, nullable: true, description: 'The entity, when kind is ENTITY.', resolve: (hit) => (hit.kind === 'ENTITY' ? hit.entity : null) }),
    statement: t.field({ type: StatementRef, nullable: true, description: 'The statement, when kind is STATEMENT.', resolve: (hit) => (hit.kind === 'STATEMENT' ? hit.statement : null) }),
  }),
});

builder.queryField('search', (t) =>
  t.field({
    // Nullable so that bad arguments here fail this field only, not the whole response.
    nullable: true,
    type: [SearchHitRef],
    description: 'Full-text search over entity names, aliases and descriptions and over statement summaries and quotes (Lucene syntax: "exact phrase", word*, a AND b).',
    args: {
      query: t.arg.string({ required: true, description: 'What to look for, e.g. "defense pact".' }),
      first: t.arg.int({ defaultValue: 10, required: true, description: 'At most this many hits, 1 to 100.' }),
    },
    complexity: (args) => pageCost(args.first, SEARCH_COST),
    resolve: async (_root, args, ctx, info) => {
      const query = searchText(args.query, ctx.limits, 'query');
      const limit = pageSize(args.first);
      const hits = await searchGraph(ctx.executor, query, limit, {
        // The text a hit matched on is chosen from these, whatever the selection.
        entity: rowProjection(info, 'e', (c, e, selections) => entityProjection(c, e, selections, 'Entity', ['name', 'aliases', 'description']), { types: ['SearchHit'], fields: ['entity'] }, 'se'),
        statement: rowProjection(info, 'st', (c, st, selections) => statementProjection(c, st, selections, ['summary', 'quote']), { types: ['SearchHit'], fields: ['statement'] }, 'ss'),
      });
      return hits.map((hit) => ({ ...hit, query: args.query }));
    },
  }),
);

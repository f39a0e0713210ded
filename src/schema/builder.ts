import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';

/** Node types whose global ids this API issues. */
export const NODE_TYPENAMES = new Set(['Country', 'Person', 'Organization', 'Agreement', 'Event', 'Statement', 'Claim', 'Source', 'Evidence']);

/** Decodes a global id ("Type:slug" in base64url), or throws a BAD_USER_INPUT error. */
export function decodeGlobalId(globalID: string): { typename: string; id: string } {
  const decoded = Buffer.from(globalID, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  if (colon < 1 || !NODE_TYPENAMES.has(typename) || decoded.length === colon + 1) {
    throw new GraphQLError(`Malformed global id "${globalID}": pass an \`id\` returned by this API`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return { typename, id: decoded.slice(colon + 1) };
}

/** The one Pothos builder: context type, plugins and global id format; domain types live in their own files. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Connection: { totalCount: number };
}>({
  // Batching is not done with plugin-dataloader's per-type loaders: context.ts gives each request one
  // loader for every kind of lookup, so a whole nesting level is one Cypher round-trip.
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => Buffer.from(`${typename}:${String(id)}`, 'utf8').toString('base64url'),
    decodeGlobalID: (globalID) => decodeGlobalId(globalID),
    nodeTypeOptions: { description: 'An object with a global id, fetchable with `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page sits in a connection.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global id; null when nothing has that id.',
      args: { id: { description: 'A global id returned by this API.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by global id, in order; null where nothing has that id.',
      args: { ids: { description: 'Global ids returned by this API.' } },
    },
    idFieldOptions: { description: 'Opaque global id, stable across requests; fetch it again with `node(id:)`.' },
    defaultConnectionTypeOptions: { description: 'One page of results, with the total across pages.' },
    defaultEdgeTypeOptions: { description: 'One result and the cursor to continue after it.' },
    edgesFieldOptions: { description: 'The results on this page, in order.' },
    pageInfoFieldOptions: { description: 'Whether more pages follow, and the cursors to fetch them.' },
    cursorFieldOptions: { description: 'Opaque cursor: pass it as `after` to continue after this result.' },
    nodeFieldOptions: { description: 'The result.' },
    hasNextPageFieldOptions: { description: 'True when another page follows.' },
    hasPreviousPageFieldOptions: { description: 'True when this page was fetched with `after`.' },
    startCursorFieldOptions: { description: 'Cursor of the first result on this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last result on this page: pass it as `after` for the next page.' },
    firstArgOptions: { description: 'Page size, 1 to 100 (default 20).' },
    afterArgOptions: { description: 'Continue after this cursor.' },
    lastArgOptions: { description: 'Not supported: page forward with first/after.' },
    beforeArgOptions: { description: 'Not supported: page forward with first/after.' },
  },
});

builder.queryType({ description: 'Entry points into the knowledge graph.' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'How many items match, across all pages.', resolve: (parent) => parent.totalCount }),
);

import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin from '@pothos/plugin-relay';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import WithInputPlugin from '@pothos/plugin-with-input';
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
  plugins: [RelayPlugin, DataloaderPlugin, SimpleObjectsPlugin, WithInputPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: (typename, id) => Buffer.from(`${typename}:${String(id)}`, 'utf8').toString('base64url'),
    decodeGlobalID: (globalID) => decodeGlobalId(globalID),
    nodeTypeOptions: { description: 'An object with a global id, fetchable with `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page sits in a connection.' },
    nodeQueryOptions: { description: 'Fetches any object by its global id; null when nothing has that id.' },
    nodesQueryOptions: { description: 'Fetches objects by global id, in order; null where nothing has that id.' },
  },
});

builder.queryType({ description: 'Entry points into the knowledge graph.' });

builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'How many items match, across all pages.', resolve: (parent) => parent.totalCount }),
);

import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
// Registers the 'preload' plugin (compiled answers, see src/translate).
import './preload-plugin.js';
// Registers the 'forwardPagination' plugin (connections take first/after only).
import './forward-pagination-plugin.js';
import type { Context } from '../context.js';
import { defaultFieldCost } from './cost.js';
import { badInput, shown } from './errors.js';

/** Entity types: arguments that take an entity accept global ids of these. */
export const ENTITY_TYPENAMES = new Set(['Country', 'Person', 'Organization', 'Agreement', 'Event']);

/** Node types whose global ids this API issues. */
export const NODE_TYPENAMES = new Set([...ENTITY_TYPENAMES, 'Statement', 'Claim', 'Source', 'Evidence']);

/** Longest global id this API issues is far below this; longer input is refused before decoding. */
const MAX_GLOBAL_ID_LENGTH = 512;

/** Decodes a global id ("Type:slug" in base64url), or throws a BAD_USER_INPUT error. */
export function decodeGlobalId(globalID: string): { typename: string; id: string } {
  const decoded = globalID.length > MAX_GLOBAL_ID_LENGTH ? '' : Buffer.from(globalID, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  if (colon < 1 || !NODE_TYPENAMES.has(typename) || decoded.length === colon + 1) {
    throw badInput(`Malformed global id ${shown(globalID)}: pass an \`id\` returned by this API`);
  }
  return { typename, id: decoded.slice(colon + 1) };
}

interface SchemaTypesInput {
  Context: Context;
  /** read: reads are open, or a credential was given; write: a credential with the write scope. */
  AuthScopes: { read: boolean; write: boolean };
  DefaultFieldNullability: false;
  Connection: { totalCount: number };
}

/** The builder's resolved schema types, for helpers that take a field builder. */
export type Types = PothosSchemaTypes.ExtendDefaultTypes<SchemaTypesInput>;

/** The one Pothos builder: context type, plugins and global id format; domain types live in their own files. */
export const builder = new SchemaBuilder<SchemaTypesInput>({
  // Batching is not done with plugin-dataloader's per-type loaders: context.ts gives each request one
  // loader for every kind of lookup, so a whole nesting level is one Cypher round-trip.
  plugins: [ScopeAuthPlugin, ComplexityPlugin, RelayPlugin, 'preload', 'forwardPagination'],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => ({ read: context.auth.scopes.has('read'), write: context.auth.scopes.has('write') }),
    // 401-style when the credential is missing or refused, 403-style when it lacks the scope.
    unauthorizedError: (_parent, context) => {
      const { failure, principal } = context.auth;
      if (failure !== null) return new GraphQLError(failure, { extensions: { code: 'UNAUTHENTICATED' } });
      if (principal === null) return new GraphQLError('This needs a credential: send "Authorization: Bearer <API key or JWT>"', { extensions: { code: 'UNAUTHENTICATED' } });
      return new GraphQLError(`"${principal}" may not do this: it needs the write scope`, { extensions: { code: 'FORBIDDEN' } });
    },
  },
  defaultFieldNullability: false,
  // Fields carry their cost (see cost.ts); the HTTP layer measures each operation against the
  // configured limits before execution (src/http/operation-limits.ts), so the plugin's own
  // per-resolver check is off.
  complexity: { disabled: true, fieldComplexity: defaultFieldCost },
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
      description: 'Fetches objects by global id, in order; null where nothing has that id. At most MAX_NODE_IDS ids (default 100).',
      args: { ids: { description: 'Global ids returned by this API.' } },
      complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.ids.length) }),
      resolve: (_root, args, ctx, _info, resolveNodes) => {
        if (args.ids.length > ctx.limits.maxNodeIds) {
          throw badInput(`"ids" has ${args.ids.length} ids, at most ${ctx.limits.maxNodeIds} (MAX_NODE_IDS)`, 'ids');
        }
        return resolveNodes(args.ids);
      },
    },
    idFieldOptions: { description: 'Opaque global id, stable across requests; fetch it again with `node(id:)`.' },
    defaultConnectionTypeOptions: { description: 'One page of results, with the total across pages.' },
    defaultEdgeTypeOptions: { description: 'One result and the cursor to continue after it.' },
    // A connection's `first` already multiplies what is selected under it; edges must not again.
    edgesFieldOptions: { description: 'The results on this page, in order.', complexity: { field: 0, multiplier: 1 } },
    pageInfoFieldOptions: { description: 'Whether more pages follow, and the cursors to fetch them.' },
    cursorFieldOptions: { description: 'Opaque cursor: pass it as `after` to continue after this result.' },
    nodeFieldOptions: { description: 'The result.' },
    hasNextPageFieldOptions: { description: 'True when another page follows.' },
    hasPreviousPageFieldOptions: { description: 'True when this page was fetched with `after`.' },
    startCursorFieldOptions: { description: 'Cursor of the first result on this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last result on this page: pass it as `after` for the next page.' },
    firstArgOptions: { description: 'Page size, 1 to 100 (default 20).' },
    afterArgOptions: { description: 'Continue after this cursor.' },
  },
});

builder.queryType({ description: 'Entry points into the knowledge graph.', authScopes: { read: true } });
builder.mutationType({ description: 'Writes: each one validated first, in one transaction, idempotent under retries; they need the write scope.', authScopes: { write: true } });
builder.subscriptionType({ description: 'Live updates, over Server-Sent Events.', authScopes: { read: true } });

builder.globalConnectionField('totalCount', (t) =>
  t.int({ description: 'How many items match, across all pages.', resolve: (parent) => parent.totalCount }),
);

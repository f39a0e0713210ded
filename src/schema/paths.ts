import { MAX_PATH_HOPS, MAX_PATHS, shortestPaths, type PathHop, type PathRecord } from '../graph/paths.js';
import { required } from './args.js';
import { withEntityArguments } from './entity-arguments.js';
import { UnknownEntities } from '../graph/errors.js';
import { pathProjections } from '../translate/compile.js';
import { badInput } from './errors.js';
import { builder } from './builder.js';
import { BasisEnum, RelationshipTypeEnum } from './entities.js';
import { EntityRef, EntityRelationshipRef } from './refs.js';

/** Cost of searching one path of one hop; a path query costs this × k × maxHops. */
const PATH_SEARCH_COST = 10;

const PathDirectionEnum = builder.enumType('PathDirection', {
  description: 'Whether a hop follows its stored relationship forwards or backwards.',
  values: {
    FORWARD: { value: 'FORWARD', description: 'The relationship points from this hop\'s `from` to its `to`.' },
    BACKWARD: { value: 'BACKWARD', description: 'The relationship points from `to` back to `from`.' },
  },
});

const PathHopRef = builder.objectRef<PathHop>('PathHop').implement({
  description: 'One step of a path.',
  fields: (t) => ({
    from: t.field({ type: EntityRef, description: 'Where this step starts.', resolve: (hop, _args, ctx) => required(ctx.loaders.entity.load(hop.fromId), `entity ${hop.fromId}`) }),
    to: t.field({ type: EntityRef, description: 'Where this step ends.', resolve: (hop, _args, ctx) => required(ctx.loaders.entity.load(hop.toId), `entity ${hop.toId}`) }),
    type: t.field({ type: RelationshipTypeEnum, description: 'The relationship type.', resolve: (hop) => hop.relationship.type }),
    direction: t.field({ type: PathDirectionEnum, description: 'Forward or backward along the stored relationship.', resolve: (hop) => hop.direction }),
    relationship: t.field({
      type: EntityRelationshipRef,
      description: 'The relationship itself, with its basis, role and evidence.',
      resolve: (hop) => ({ entityId: hop.fromId, direction: hop.direction === 'FORWARD' ? ('OUTGOING' as const) : ('INCOMING' as const), otherId: hop.toId, relationship: hop.relationship }),
    }),
  }),
});

const PathRef = builder.objectRef<PathRecord>('Path').implement({
  description: 'A chain of relationships from one entity to another.',
  fields: (t) => ({
    length: t.int({ description: 'Number of hops.', resolve: (path) => path.hops.length }),
    entities: t.field({
      type: [EntityRef],
      description: 'The entities along the path, from start to end.',
      resolve: (path, _args, ctx) => Promise.all(path.entityIds.map((id) => required(ctx.loaders.entity.load(id), `entity ${id}`))),
    }),
    hops: t.field({ type: [PathHopRef], description: 'The steps, in order.', resolve: (path) => path.hops }),
  }),
});

builder.queryField('path', (t) =>
  t.field({
    // Nullable so that bad arguments here fail this field only, not the whole response.
    nullable: true,
    type: [PathRef],
    description: `Shortest paths between two entities over entity relationships, shortest first (at most ${MAX_PATH_HOPS} hops, ${MAX_PATHS} paths). Empty when they are not connected within maxHops.`,
    args: {
      from: t.arg.id({ required: true, description: 'Start entity: slug, global id, name or alias.' }),
      to: t.arg.id({ required: true, description: 'End entity: slug, global id, name or alias.' }),
      maxHops: t.arg.int({ defaultValue: MAX_PATH_HOPS, required: true, description: `Longest path to consider, 1 to ${MAX_PATH_HOPS}; the search stops there, so a smaller limit costs less.` }),
      types: t.arg({ type: [RelationshipTypeEnum], required: false, description: 'Only follow these relationship types.' }),
      k: t.arg.int({ defaultValue: 1, required: true, description: `How many paths, 1 to ${MAX_PATHS}.` }),
      basis: t.arg({
        type: [BasisEnum],
        required: false,
        description: 'Only follow relationships on these grounds, e.g. [STATED] for what the sources say outright, [STATED, ALLEGED] to leave out background knowledge. Default: all.',
      }),
    },
    // A path search explores far more than it returns: priced per path and per hop searched.
    complexity: (args) => ({ field: PATH_SEARCH_COST * Math.max(1, args.k) * Math.max(1, args.maxHops), multiplier: Math.max(1, args.k) }),
    resolve: async (_root, args, ctx, info) => {
      if (args.maxHops < 1 || args.maxHops > MAX_PATH_HOPS) throw badInput(`"maxHops" must be between 1 and ${MAX_PATH_HOPS} (got ${args.maxHops})`, 'maxHops');
      if (args.k < 1 || args.k > MAX_PATHS) throw badInput(`"k" must be between 1 and ${MAX_PATHS} (got ${args.k})`, 'k');
      // One round-trip: whether both ends exist, the paths, and the entities along them as selected.
      const compiled = pathProjections(info);
      const options = { maxHops: args.maxHops, types: args.types ?? null, k: args.k, bases: args.basis && args.basis.length > 0 ? args.basis : null };
      const search = await withEntityArguments(ctx, { from: args.from, to: args.to }, async (ids) => {
        const [from, to] = [ids.from ?? '', ids.to ?? ''];
        if (from === to) throw badInput('"from" and "to" are the same entity');
        const found = await shortestPaths(ctx.executor, from, to, options, compiled.projections);
        const unknown = [...(found.fromFound ? [] : [from]), ...(found.toFound ? [] : [to])];
        if (unknown.length > 0) throw new UnknownEntities(unknown);
        return found;
      });
      return compiled.attach(search.paths);
    },
  }),
);

import { entityCandidates, MAX_CANDIDATES, MIN_WORDS_LENGTH, type EntityCandidate } from '../graph/names.js';
import { required } from './args.js';
import { builder } from './builder.js';
import { MAX_ENTITY_REFERENCE_LENGTH } from './entity-arguments.js';
import { badInput } from './errors.js';
import { pageCost } from './cost.js';
import { EntityRef } from './refs.js';

const NameMatchEnum = builder.enumType('NameMatch', {
  description: 'How a name matched an entity, strongest first.',
  values: {
    ID: { value: 'ID', description: 'It is the slug.' },
    NAME: { value: 'NAME', description: 'The canonical name, ignoring case.' },
    ALIAS: { value: 'ALIAS', description: 'An alias, ignoring case.' },
    WORDS: { value: 'WORDS', description: 'Whole words of the name or an alias (e.g. "Putin" in "Vladimir Putin").' },
  } satisfies Record<EntityCandidate['matchedBy'], unknown>,
});

const EntityCandidateRef = builder.objectRef<EntityCandidate>('EntityCandidate').implement({
  description: 'An entity a name may refer to, and how well it matches.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, description: 'The entity.', resolve: (candidate, _args, ctx) => required(ctx.loaders.entity.load(candidate.id), `entity ${candidate.id}`) }),
    matchedBy: t.field({ type: NameMatchEnum, description: 'How the name matched.', resolve: (candidate) => candidate.matchedBy }),
    matchedName: t.exposeString('matchedName', { description: 'The name, alias or slug that matched.' }),
    score: t.exposeFloat('score', {
      description: '1 for the slug or canonical name, 0.95 for an alias; for whole words, 0.9 × the share of the matched name they cover. Comparable within one answer.',
    }),
  }),
});

builder.queryField('resolveEntity', (t) =>
  t.field({
    type: [EntityCandidateRef],
    description: `Entities a name may refer to, best first: the slug, then the exact name or an alias (ignoring case), then names containing the words (at least ${MIN_WORDS_LENGTH} characters). Filters that take an entity use the same resolution and refuse a name that several entities share.`,
    args: {
      name: t.arg.string({ required: true, description: 'What to look for, e.g. "Putin", "kyiv" or "Korea".' }),
      first: t.arg.int({ defaultValue: 5, required: true, description: `At most this many candidates, 1 to ${MAX_CANDIDATES}.` }),
    },
    complexity: (args) => pageCost(args.first),
    resolve: async (_root, args, ctx) => {
      if (args.name.trim() === '') throw badInput('"name" must not be empty', 'name');
      if (args.name.length > MAX_ENTITY_REFERENCE_LENGTH) throw badInput(`"name" is too long (${args.name.length} characters; at most ${MAX_ENTITY_REFERENCE_LENGTH})`, 'name');
      if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_CANDIDATES) throw badInput(`"first" must be between 1 and ${MAX_CANDIDATES} (got ${args.first})`, 'first');
      return (await entityCandidates(ctx.executor, [args.name], args.first)).get(args.name) ?? [];
    },
  }),
);

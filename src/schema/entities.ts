import type { Context } from '../context.js';
import { findEntity, listEntities, readEntity, type EntityEdge } from '../graph/entities.js';
import { entityProjection, rowProjection } from '../translate/compile.js';
import { pageSize } from '../graph/paging.js';
import type { EntityRecord } from '../graph/records.js';
import type { RELATIONSHIP_BASES, EVENT_STATUSES, ORG_TYPES, Origin } from '../seed/format.js';
import { RELATIONSHIP_TYPES, type EntityKind } from '../seed/format.js';
import { afterPosition as afterCursor, connectionCost, connectionFromRows, firstArgs, firstCost, firstItems, forwardPage, listPage, present, required, selects, slugFrom, toConnection } from './args.js';
import { badInput } from './errors.js';
import { withEntityArguments } from './entity-arguments.js';
import { builder, type Types } from './builder.js';
import { AgreementRef, ClaimRef, CountryRef, EntityRef, EntityRelationshipRef, EventRef, EvidenceRef, OrganizationRef, PartialDateRef, PersonRef, SourceRef } from './refs.js';

export const EntityKindEnum = builder.enumType('EntityKind', {
  description: 'What kind of thing an entity is.',
  values: {
    COUNTRY: { value: 'Country', description: 'A state, e.g. North Korea.' },
    PERSON: { value: 'Person', description: 'A person, usually an official.' },
    ORGANIZATION: { value: 'Organization', description: 'A ministry, agency, intelligence service, group of legislators or governments.' },
    AGREEMENT: { value: 'Agreement', description: 'A pact or treaty between parties.' },
    EVENT: { value: 'Event', description: 'Something that happened, is alleged or planned (a war, a deployment).' },
  } as const satisfies Record<string, { value: EntityKind; description: string }>,
});

export const RelationshipTypeEnum = builder.enumType('RelationshipType', {
  description: 'Kinds of relationship between entities.',
  values: Object.fromEntries(
    RELATIONSHIP_TYPES.map((type) => [
      type,
      {
        value: type,
        description: {
          HOLDS_ROLE: 'A person holds a role (title) in an organization or country.',
          PART_OF: 'An organization is part of another organization or a country.',
          PARTY_TO: 'A country or organization is party to an agreement.',
          AT_WAR_WITH: 'At war with.',
          ALLIED_WITH: 'Allied with, or has strengthened ties with.',
          INVOLVED_IN: 'Takes part in an event.',
          SUPPLIES: 'Supplies something (e.g. weapons) to.',
          LOCATED_IN: 'An event takes place in a country.',
        }[type],
      },
    ]),
  ) as Record<(typeof RELATIONSHIP_TYPES)[number], { value: (typeof RELATIONSHIP_TYPES)[number]; description: string }>,
});

export const BasisEnum = builder.enumType('Basis', {
  description: 'On what ground a relationship is in the graph.',
  values: {
    STATED: { value: 'STATED', description: 'The source states it as fact.' },
    ALLEGED: { value: 'ALLEGED', description: 'Only claimed by someone; see `claim` for who asserts and who denies it.' },
    BACKGROUND: { value: 'BACKGROUND', description: 'Background knowledge, not in the source; see `note`.' },
  } satisfies Record<(typeof RELATIONSHIP_BASES)[number], unknown>,
});

export const OriginEnum = builder.enumType('Origin', {
  description: 'Where a name comes from.',
  values: {
    STATED: { value: 'STATED', description: 'A source uses this name itself.' },
    BACKGROUND: { value: 'BACKGROUND', description: 'Known from outside the sources (e.g. an official name no source spells out).' },
  } satisfies Record<Origin, unknown>,
});

const AliasRef = builder.objectRef<{ name: string; origin: Origin }>('Alias').implement({
  description: 'Another name of an entity, and whether the sources use it.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name.' }),
    origin: t.field({ type: OriginEnum, description: 'STATED when a source uses it, BACKGROUND when it comes from outside the sources.', resolve: (alias) => alias.origin }),
  }),
});

export const DirectionEnum = builder.enumType('Direction', {
  description: 'Which way a relationship points, seen from the entity it is listed on.',
  values: {
    OUTGOING: { value: 'OUTGOING', description: 'From this entity to the other (e.g. a person HOLDS_ROLE in an organization).' },
    INCOMING: { value: 'INCOMING', description: 'From the other entity to this one.' },
  },
});

const OrgTypeEnum = builder.enumType('OrganizationType', {
  description: 'What kind of organization.',
  values: {
    MINISTRY: { value: 'MINISTRY', description: 'A government ministry.' },
    NEWS_AGENCY: { value: 'NEWS_AGENCY', description: 'A news agency, e.g. a state news agency.' },
    INTELLIGENCE_SERVICE: { value: 'INTELLIGENCE_SERVICE', description: 'A (military) intelligence service.' },
    LEGISLATORS: { value: 'LEGISLATORS', description: 'Lawmakers as a group.' },
    GOVERNMENT_GROUP: { value: 'GOVERNMENT_GROUP', description: 'Several governments named as a group.' },
    MEDIA: { value: 'MEDIA', description: 'The media as a group.' },
    OTHER: { value: 'OTHER', description: 'Any other organization.' },
  } satisfies Record<(typeof ORG_TYPES)[number], unknown>,
});

const EventStatusEnum = builder.enumType('EventStatus', {
  description: 'Whether an event is occurring, alleged, planned or reported.',
  values: {
    OCCURRING: { value: 'OCCURRING', description: 'The source states it is happening.' },
    ALLEGED: { value: 'ALLEGED', description: 'Only claimed by some; see the claims about it.' },
    PLANNED: { value: 'PLANNED', description: 'Said to be intended or expected.' },
    REPORTED: { value: 'REPORTED', description: 'Reported by a named source, not confirmed by others.' },
  } satisfies Record<(typeof EVENT_STATUSES)[number], unknown>,
});

const EntityOrderEnum = builder.enumType('EntityOrder', {
  description: 'Sort order of an entity list (ties broken by slug).',
  values: { NAME: { value: 'NAME', description: 'By name, case-insensitive.' }, SLUG: { value: 'ID', description: 'By slug.' } },
});

/** The first `first` relationships of one type (and direction) of an entity. */
async function edgesOfType(ctx: Context, entity: EntityRecord, first: number, type: string, direction?: 'OUTGOING' | 'INCOMING'): Promise<EntityEdge[]> {
  const page = await ctx.loaders.relationships.load(entity.id, {
    types: [type],
    direction: direction ?? null,
    basis: null,
    first: pageSize(first),
    afterKey: null,
    afterId: null,
    withTotal: false,
  });
  return firstItems(page?.rows ?? [], first);
}

/** The entities at the other end of the first `first` relationships of one type. */
async function relatedEntities(ctx: Context, entity: EntityRecord, first: number, type: string, direction?: 'OUTGOING' | 'INCOMING') {
  const edges = await edgesOfType(ctx, entity, first, type, direction);
  return present(await ctx.loaders.entity.loadMany([...new Set(edges.map((edge) => edge.otherId))]));
}

/** Position of a relationship in (type, id) order, for cursors. */
const byTypeAndId = (edge: EntityEdge) => ({ key: edge.relationship.type, id: edge.relationship.id });

/** A plain list of related entities on a kind of entity, bounded by `first`. */
function relatedField(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, EntityRecord>,
  ref: typeof EntityRef | typeof AgreementRef,
  description: string,
  type: string,
  direction?: 'OUTGOING' | 'INCOMING',
) {
  return t.field({ type: [ref], description, args: firstArgs, complexity: firstCost, resolve: (e, args, ctx) => relatedEntities(ctx, e, args.first, type, direction) });
}

EntityRef.implement({
  description: 'Anything the sources talk about: a country, person, organization, agreement or event.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entity) => entity.kind,
  fields: (t) => ({
    slug: t.exposeString('id', { description: 'Stable, human-readable id shared across sources, e.g. "north-korea". Accepted wherever an entity id is.' }),
    name: t.exposeString('name', { description: 'Canonical name.' }),
    aliases: t.exposeStringList('aliases', { description: 'Other names for it (e.g. "Pyongyang" for North Korea), from the sources or background; see aliasDetails for which.' }),
    aliasDetails: t.field({
      type: [AliasRef],
      description: 'The aliases with their origin: used by a source (STATED) or known from outside the sources (BACKGROUND).',
      resolve: (entity) => entity.aliases.map((name) => ({ name, origin: entity.statedAliases.includes(name) ? 'STATED' : 'BACKGROUND' })),
    }),
    description: t.exposeString('description', { description: 'One sentence grounded in the sources.' }),
    kind: t.field({ type: EntityKindEnum, description: 'What kind of entity this is.', resolve: (entity) => entity.kind }),
    background: t.exposeStringList('background', { description: 'Background knowledge not found in any source, each item marked as such.' }),
    mentions: t.field({
      type: [EvidenceRef],
      description: 'Spans of the sources that mention this entity, in source and position order.',
      args: firstArgs,
      complexity: firstCost,
      resolve: async (entity, args, ctx) => firstItems(await ctx.loaders.mentions.load(entity.id, { first: pageSize(args.first) }), args.first),
    }),
    relationships: t.connection({
      type: EntityRelationshipRef,
      description: 'Relationships with other entities, each with its type, direction and evidence.',
      args: {
        types: t.arg({ type: [RelationshipTypeEnum], required: false, description: 'Only these relationship types.' }),
        direction: t.arg({ type: DirectionEnum, required: false, description: 'Only relationships pointing this way.' }),
        basis: t.arg({ type: [BasisEnum], required: false, description: 'Only relationships on these grounds (e.g. [STATED]).' }),
        includeRetracted: t.arg.boolean({ required: true, defaultValue: false, description: 'Also list relationships an analyst retracted (see `retracted` and `retractions`).' }),
      },
      complexity: connectionCost,
      resolve: async (entity, args, ctx, info) => {
        const { first, after } = forwardPage(args);
        const page = await ctx.loaders.relationships.load(entity.id, {
          types: args.types?.length ? args.types : null,
          direction: args.direction ?? null,
          basis: args.basis?.length ? args.basis : null,
          includeRetracted: args.includeRetracted,
          first,
          ...afterCursor(after),
          withTotal: selects(info, 'totalCount'),
        });
        return connectionFromRows(page, first, after, byTypeAndId);
      },
    }),
    neighbours: t.field({
      type: [NeighbourRef],
      description: 'Entities within `depth` hops over entity relationships, nearest first (then by slug).',
      args: { depth: t.arg.int({ defaultValue: 1, required: true, description: `How many hops, 1 to ${MAX_NEIGHBOUR_DEPTH}.` }), ...firstArgs },
      // Each extra hop widens the search: the traversal itself is priced, not only what is returned.
      complexity: (args) => ({ field: NEIGHBOUR_DEPTH_COST ** Math.min(Math.max(args.depth, 1), MAX_NEIGHBOUR_DEPTH), multiplier: Math.max(1, args.first) }),
      resolve: async (entity, args, ctx) => {
        if (args.depth < 1 || args.depth > MAX_NEIGHBOUR_DEPTH) {
          throw badInput(`"depth" must be between 1 and ${MAX_NEIGHBOUR_DEPTH} (got ${args.depth})`, 'depth');
        }
        return firstItems(await ctx.loaders.neighbours.load(entity.id, { depth: args.depth, first: pageSize(args.first) }), args.first);
      },
    }),
  }),
});

/** Deepest neighbourhood a client may ask for. */
const MAX_NEIGHBOUR_DEPTH = 3;
/** Cost factor per hop of a neighbourhood search (5, 25, 125). */
const NEIGHBOUR_DEPTH_COST = 5;

const NeighbourRef = builder.objectRef<{ neighbourId: string; distance: number }>('Neighbour').implement({
  description: 'An entity within reach of another.',
  fields: (t) => ({
    distance: t.exposeInt('distance', { description: 'Hops on the shortest way there.' }),
    entity: t.field({
      type: EntityRef,
      description: 'The entity reached.',
      resolve: (row, _args, ctx) => required(ctx.loaders.entity.load(row.neighbourId), `entity ${row.neighbourId}`),
    }),
  }),
});

EntityRelationshipRef.implement({
  description: 'A relationship between two entities, seen from one of them.',
  fields: (t) => ({
    slug: t.string({ description: 'Stable id of the relationship.', resolve: (edge) => edge.relationship.id }),
    type: t.field({ type: RelationshipTypeEnum, description: 'Kind of relationship.', resolve: (edge) => edge.relationship.type }),
    direction: t.field({ type: DirectionEnum, description: 'Which way it points from the entity it is listed on.', resolve: (edge) => edge.direction }),
    other: t.field({
      type: EntityRef,
      description: 'The entity at the other end.',
      resolve: (edge, _args, ctx) => required(ctx.loaders.entity.load(edge.otherId), `entity ${edge.otherId}`),
    }),
    from: t.field({ type: EntityRef, description: 'Where the stored relationship starts.', resolve: (edge, _args, ctx) => loadEntity(ctx, edge.relationship.fromId) }),
    to: t.field({ type: EntityRef, description: 'Where the stored relationship ends.', resolve: (edge, _args, ctx) => loadEntity(ctx, edge.relationship.toId) }),
    role: t.string({ nullable: true, description: 'Role or title, e.g. "Vice Foreign Minister".', resolve: (edge) => edge.relationship.role }),
    basis: t.field({ type: BasisEnum, description: 'Stated, alleged or background.', resolve: (edge) => edge.relationship.basis }),
    note: t.string({ nullable: true, description: 'Why the relationship is modelled this way, when not obvious.', resolve: (edge) => edge.relationship.note }),
    retracted: t.boolean({ description: 'True when an analyst retracted it (listed only with `relationships(includeRetracted: true)`; the reason is in `retractions`).', resolve: (edge) => edge.relationship.retracted }),
    since: t.field({ type: PartialDateRef, nullable: true, description: 'Since when, where the source says.', resolve: (edge) => edge.relationship.since }),
    claim: t.field({
      type: ClaimRef,
      nullable: true,
      description: 'For an ALLEGED relationship: the claim alleging it, with who asserts and who denies it.',
      resolve: (edge, _args, ctx) => (edge.relationship.claimId ? ctx.loaders.claim.load(edge.relationship.claimId) : null),
    }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'The words of the source supporting it.',
      resolve: async (edge, _args, ctx) => present(await ctx.loaders.evidence.loadMany(edge.relationship.evidenceIds)),
    }),
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The source this relationship was extracted from.',
      resolve: (edge, _args, ctx) => ctx.loaders.source.load(edge.relationship.sourceId),
    }),
  }),
});

function loadEntity(ctx: Context, id: string): Promise<EntityRecord> {
  return required(ctx.loaders.entity.load(id), `entity ${id}`);
}

const RoleRef = builder.objectRef<{ personId: string; bodyId: string; relationship: EntityEdge['relationship'] }>('Role').implement({
  description: 'A person holding a role (title) in an organization or country.',
  fields: (t) => ({
    title: t.string({ nullable: true, description: 'The title, e.g. "President".', resolve: (role) => role.relationship.role }),
    person: t.field({ type: PersonRef, description: 'Who holds it.', resolve: (role, _args, ctx) => loadEntity(ctx, role.personId) }),
    body: t.field({ type: EntityRef, description: 'Where it is held: a ministry, a country...', resolve: (role, _args, ctx) => loadEntity(ctx, role.bodyId) }),
    basis: t.field({ type: BasisEnum, description: 'Stated or background knowledge.', resolve: (role) => role.relationship.basis }),
    note: t.string({ nullable: true, description: 'Why, when not obvious.', resolve: (role) => role.relationship.note }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'The words of the source supporting it.',
      resolve: async (role, _args, ctx) => present(await ctx.loaders.evidence.loadMany(role.relationship.evidenceIds)),
    }),
  }),
});

const nodeOptions = (kind: EntityKind) => ({
  interfaces: [EntityRef],
  isTypeOf: (value: unknown) => (value as EntityRecord | null)?.kind === kind,
  id: { resolve: (entity: EntityRecord) => entity.id },
  loadMany: (ids: string[], ctx: Context) =>
    ids.map(async (id) => {
      const entity = await ctx.loaders.entity.load(id);
      return entity?.kind === kind ? entity : null;
    }),
});

builder.node(CountryRef, {
  ...nodeOptions('Country'),
  description: 'A country.',
  fields: (t) => ({
    parts: relatedField(t, EntityRef, 'Organizations that are part of it (ministries, agencies...).', 'PART_OF', 'INCOMING'),
    agreements: relatedField(t, AgreementRef, 'Agreements it is party to.', 'PARTY_TO', 'OUTGOING'),
    allies: relatedField(t, EntityRef, 'Those it is allied with (either direction).', 'ALLIED_WITH'),
    atWarWith: relatedField(t, EntityRef, 'Those it is at war with (either direction).', 'AT_WAR_WITH'),
    events: relatedField(t, EventRef, 'Events it is involved in.', 'INVOLVED_IN', 'OUTGOING'),
  }),
});

builder.node(PersonRef, {
  ...nodeOptions('Person'),
  description: 'A person, usually an official.',
  fields: (t) => ({
    roles: t.field({
      type: [RoleRef],
      description: 'Roles this person holds, with the body they serve.',
      args: firstArgs,
      complexity: firstCost,
      resolve: async (person, args, ctx) =>
        (await edgesOfType(ctx, person, args.first, 'HOLDS_ROLE', 'OUTGOING')).map((edge) => ({
          personId: person.id,
          bodyId: edge.otherId,
          relationship: edge.relationship,
        })),
    }),
  }),
});

builder.node(OrganizationRef, {
  ...nodeOptions('Organization'),
  description: 'A ministry, news agency, intelligence service, group of legislators or of governments.',
  fields: (t) => ({
    organizationType: t.field({ type: OrgTypeEnum, nullable: true, description: 'What kind of organization.', resolve: (e) => e.orgType }),
    partOf: relatedField(t, EntityRef, 'What it is part of (a country, a larger body).', 'PART_OF', 'OUTGOING'),
    members: relatedField(t, EntityRef, 'Organizations that are part of it.', 'PART_OF', 'INCOMING'),
  }),
});

builder.node(AgreementRef, {
  ...nodeOptions('Agreement'),
  description: 'A pact or treaty.',
  fields: (t) => ({
    parties: relatedField(t, EntityRef, 'Who is party to it.', 'PARTY_TO', 'INCOMING'),
  }),
});

builder.node(EventRef, {
  ...nodeOptions('Event'),
  description: 'Something that happened, is alleged, reported or planned.',
  fields: (t) => ({
    status: t.field({ type: EventStatusEnum, nullable: true, description: 'Occurring, alleged, planned or reported.', resolve: (e) => e.eventStatus }),
    date: t.field({ type: PartialDateRef, nullable: true, description: 'When, as precisely as known.', resolve: (e) => e.date }),
    participants: relatedField(t, EntityRef, 'Who is involved.', 'INVOLVED_IN', 'INCOMING'),
    locations: relatedField(t, EntityRef, 'Where it takes place.', 'LOCATED_IN', 'OUTGOING'),
  }),
});

for (const ref of [CountryRef, OrganizationRef]) {
  builder.objectField(ref, 'officials', (t) =>
    t.field({
      type: [RoleRef],
      description: 'People holding a role here or in one of its parts (a ministry of a country), with their titles.',
      args: firstArgs,
      complexity: firstCost,
      resolve: async (entity, args, ctx) => firstItems(await ctx.loaders.officials.load(entity.id, { first: pageSize(args.first) }), args.first),
    }),
  );
}

/** Longest name or alias a lookup accepts. */
export const MAX_NAME_LENGTH = 200;

builder.queryField('entity', (t) =>
  t.field({
    type: EntityRef,
    nullable: true,
    description:
      'One entity by slug or global id (`id`), or by name (`name`): the exact name or an alias (case-insensitive), else the only entity whose name or an alias contains the words ("Putin"). Null when nothing matches or several entities do; resolveEntity(name:) lists the candidates.',
    args: {
      id: t.arg.id({ required: false, description: 'Slug ("north-korea") or global id.' }),
      name: t.arg.string({ required: false, description: 'A name or alias, e.g. "Pyongyang", or words of one, e.g. "Putin".' }),
    },
    resolve: async (_root, args, ctx, info) => {
      if ((args.id == null) === (args.name == null)) throw badInput('Pass exactly one of "id" or "name"');
      // One round-trip for the entity and every nested list the selection asks for (src/translate).
      if (args.id != null) return readEntity(ctx.executor, slugFrom(String(args.id), 'entity', 'id'), rowProjection(info, 'e', entityProjection));
      const name = args.name ?? '';
      if (name.length > MAX_NAME_LENGTH) throw badInput(`"name" is too long (${name.length} characters; at most ${MAX_NAME_LENGTH})`, 'name');
      return findEntity(ctx.executor, name, rowProjection(info, 'e', entityProjection));
    },
  }),
);

builder.queryField('entities', (t) =>
  t.connection({
    // Nullable so that bad arguments here fail this field only, not the whole response.
    nullable: true,
    type: EntityRef,
    description: 'Entities, filtered and paginated (forward, `first` at most 100), with totalCount.',
    args: {
      kind: t.arg({ type: [EntityKindEnum], required: false, description: 'Only these kinds.' }),
      nameContains: t.arg.string({ required: false, description: 'Text in the name or an alias (case-insensitive).' }),
      relatedTo: t.arg.id({ required: false, description: 'A country (slug, global id, name or alias): only entities linked to it within two hops (and the country).' }),
      orderBy: t.arg({ type: EntityOrderEnum, defaultValue: 'NAME', required: true, description: 'Sort order.' }),
    },
    complexity: connectionCost,
    resolve: async (_root, args, ctx, info) => {
      const request = listPage(info, args);
      const nameContains = args.nameContains ?? null;
      if (nameContains !== null && nameContains.length > MAX_NAME_LENGTH) {
        throw badInput(`"nameContains" is too long (${nameContains.length} characters; at most ${MAX_NAME_LENGTH})`, 'nameContains');
      }
      const projection = rowProjection(info, 'e', entityProjection, { types: ['QueryEntitiesConnection', 'QueryEntitiesConnectionEdge'], fields: ['edges', 'node'] });
      const page = await withEntityArguments(ctx, { relatedTo: args.relatedTo }, (ids) =>
        listEntities(ctx.executor, { kinds: args.kind ?? null, nameContains, relatedCountryId: ids.relatedTo }, args.orderBy, request, projection),
      );
      return toConnection(page, request.after);
    },
  }),
);

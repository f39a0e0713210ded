// Entity arguments (speaker, about, via, from, to...) accept a slug, a global id, or a name or alias.
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import { UnknownEntities } from '../graph/errors.js';
import { entityCandidates, pickEntity, type EntityCandidate } from '../graph/names.js';
import { ENTITY_TYPENAMES, NODE_TYPENAMES } from './builder.js';
import { badInput, MAX_QUOTED_INPUT, shown } from './errors.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Longest entity reference accepted (slugs, names and global ids are all far shorter). */
export const MAX_ENTITY_REFERENCE_LENGTH = 200;

/** How a reference was given: a slug (which may also be an alias, e.g. "kyiv"), a global id, or a name. */
type Reference = { argumentName: string; value: string; form: 'slug' | 'global-id' | 'name'; id: string | null };

/** The global id's slug when `value` is one of an entity; BAD_USER_INPUT for a global id of another type; null otherwise. */
function entityGlobalId(value: string, argumentName: string): string | null {
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  if (colon < 1 || !NODE_TYPENAMES.has(typename) || decoded.length === colon + 1 || Buffer.from(decoded, 'utf8').toString('base64url') !== value) return null;
  if (!ENTITY_TYPENAMES.has(typename)) throw badInput(`"${argumentName}" takes an entity, but ${shown(value)} is the global id of a ${typename}`, argumentName);
  return decoded.slice(colon + 1);
}

function reference(argumentName: string, raw: string | number): Reference {
  const value = String(raw);
  if (value.trim() === '') throw badInput(`"${argumentName}" must not be empty`, argumentName);
  if (value.length > MAX_ENTITY_REFERENCE_LENGTH) {
    throw badInput(`"${argumentName}" is too long (${value.length} characters; at most ${MAX_ENTITY_REFERENCE_LENGTH})`, argumentName);
  }
  if (SLUG.test(value)) return { argumentName, value, form: 'slug', id: value };
  const id = entityGlobalId(value, argumentName);
  return id === null ? { argumentName, value, form: 'name', id: null } : { argumentName, value, form: 'global-id', id };
}

function notFound(ref: Reference): GraphQLError {
  return new GraphQLError(`No entity matches "${ref.argumentName}": ${shown(ref.value)} (tried as a slug, global id, name and alias; resolveEntity(name:) lists close matches)`, {
    extensions: { code: 'NOT_FOUND', argumentName: ref.argumentName, value: ref.value.slice(0, MAX_QUOTED_INPUT) },
  });
}

function ambiguous(ref: Reference, candidates: EntityCandidate[]): GraphQLError {
  const listed = candidates.slice(0, 5).map((candidate) => `${candidate.name} (${candidate.id})`).join(', ');
  return badInput(`"${ref.argumentName}": ${shown(ref.value)} could be ${listed}${candidates.length > 5 ? ', ...' : ''}: pass a slug`, ref.argumentName);
}

/** Resolves references given as names (one round-trip for all of them); throws NOT_FOUND or an ambiguity error. */
async function resolveNames(ctx: Context, refs: Reference[]): Promise<void> {
  if (refs.length === 0) return;
  const candidates = await entityCandidates(ctx.executor, refs.map((ref) => ref.value));
  for (const ref of refs) {
    const picked = pickEntity(candidates.get(ref.value) ?? []);
    if (picked === null) throw notFound(ref);
    if ('ambiguous' in picked) throw ambiguous(ref, picked.ambiguous);
    ref.id = picked.id;
  }
}

/** The slug of the one entity an argument names (resolved as above, and checked to exist), or null when it is not given. */
export function existingEntity(ctx: Context, entity: string | number | null | undefined): Promise<string | null> {
  return withEntityArguments(ctx, { entity }, async (ids) => {
    if (ids.entity !== null && (await ctx.loaders.entity.load(ids.entity)) === null) throw new UnknownEntities([ids.entity]);
    return ids.entity;
  });
}

/**
 * Runs `query` with the entity arguments turned into slugs. A slug or global id goes straight to the
 * query, which checks it exists in the same round-trip; a name is resolved first. A slug the query
 * reports unknown is tried once more as a name ("kyiv" is Ukraine's alias); what still matches nothing
 * is NOT_FOUND, and a name several entities share is BAD_USER_INPUT listing them.
 */
export async function withEntityArguments<Names extends string, T>(
  ctx: Context,
  given: Record<Names, string | number | null | undefined>,
  query: (ids: Record<Names, string | null>) => Promise<T>,
): Promise<T> {
  const entries = Object.entries(given) as [Names, string | number | null | undefined][];
  const refs = new Map<Names, Reference>();
  for (const [argumentName, value] of entries) if (value !== null && value !== undefined) refs.set(argumentName, reference(argumentName, value));
  await resolveNames(ctx, [...refs.values()].filter((ref) => ref.form === 'name'));
  const ids = () => Object.fromEntries(entries.map(([argumentName]) => [argumentName, refs.get(argumentName)?.id ?? null])) as Record<Names, string | null>;
  try {
    return await query(ids());
  } catch (error) {
    if (!(error instanceof UnknownEntities)) throw error;
    const unknown = [...refs.values()].filter((ref) => ref.id !== null && error.ids.includes(ref.id));
    const given = unknown.find((ref) => ref.form !== 'slug');
    if (given) throw notFound(given);
    if (unknown.length === 0) throw error;
    await resolveNames(ctx, unknown);
    return query(ids());
  }
}

// Translation of a GraphQL selection into Cypher: each root field's selection becomes one query.
// Every nested list or object it asks for (relationships, statements, speakers, stances, claims,
// evidence...) is a COLLECT subquery inside its parent's projection, cut to its page in Cypher, and
// handed to its resolver as preloaded (see preload.ts and the preload plugin). A field this layer does
// not translate is resolved as before, through the request's batch loader. All Cypher text comes from
// this code; values are parameters. The parts: core.ts (machinery), entities.ts, statements.ts.
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import type { RowProjection } from '../graph/paging.js';
import type { EntityRecord } from '../graph/records.js';
import type { PathProjections, PathRecord } from '../graph/paths.js';
import { Compilation, type Projection } from './core.js';
import { edgeRules, entityProjection, ENTITY_RULES, KIND_RULES, roleRules } from './entities.js';
import { attachPreloads } from './preload.js';
import { collectFields, fieldSelections, selectionsAt, type FieldRequest, type SelectionSource } from './selection.js';
import { CLAIM_RULES, claimProjection, stanceRules, STATEMENT_RULES, statementProjection } from './statements.js';

export { claimProjection, entityProjection, statementProjection };

/** The type-name/field pairs whose values a compiled answer may carry (the preload plugin wraps exactly these). */
export const PRELOADABLE_FIELDS: Record<string, readonly string[]> = {
  Entity: Object.keys(ENTITY_RULES),
  ...Object.fromEntries(Object.entries(KIND_RULES).map(([kind, rules]) => [kind, [...Object.keys(ENTITY_RULES), ...Object.keys(rules)]])),
  Role: Object.keys(roleRules('', '', '')),
  EntityRelationship: Object.keys(edgeRules('', '')),
  Statement: Object.keys(STATEMENT_RULES),
  StanceTaken: Object.keys(stanceRules('', '', '')),
  Claim: Object.keys(CLAIM_RULES),
  Path: ['entities'],
  PathHop: ['from', 'to'],
};

/**
 * The projection of the records a root field returns, compiled from its selection: `variable` is
 * the node variable of the data-access query, `path` leads from the field to the records (e.g. a
 * connection's ['edges', 'node'] through its types).
 */
export function rowProjection<T>(
  info: GraphQLResolveInfo,
  variable: string,
  project: (c: Compilation, node: string, selections: SelectionSetNode[]) => Projection<T>,
  path?: { types: string[]; fields: string[] },
  prefix = 'sel',
): RowProjection<T> {
  return compiledOnce(info, `${variable}|${prefix}|${path?.fields.join('.') ?? ''}`, () => {
    const c = new Compilation(info, prefix);
    const selections = path ? selectionsAt(info, fieldSelections(info), path.types, path.fields) : fieldSelections(info);
    const projection = project(c, variable, selections);
    return { cypher: projection.cypher, params: c.params, read: (raw: unknown) => projection.read(raw) };
  });
}

/**
 * Translations kept per field of a parsed document (yoga reuses one document per query text) and
 * variable values: a client repeating an operation pays for its translation once. What is kept is
 * pure (Cypher text, parameter values, readers), so sharing it between requests is safe.
 */
const translations = new WeakMap<FieldNode, Map<string, unknown>>();
const TRANSLATIONS_PER_FIELD = 64;

function compiledOnce<T>(info: GraphQLResolveInfo, site: string, compile: () => T): T {
  const node = info.fieldNodes[0];
  if (!node) return compile();
  let bySite = translations.get(node);
  if (!bySite) {
    bySite = new Map();
    translations.set(node, bySite);
  }
  const key = `${site}\u0000${JSON.stringify(info.variableValues)}`;
  let found = bySite.get(key) as T | undefined;
  if (found === undefined) {
    found = compile();
    if (bySite.size >= TRANSLATIONS_PER_FIELD) bySite.delete(bySite.keys().next().value ?? '');
    bySite.set(key, found);
  }
  return found;
}

/** The selections of a field's sub-field by name, under each of its response keys. */
function subFields(source: SelectionSource, selections: SelectionSetNode[], typeName: string, name: string): FieldRequest[] {
  return collectFields(source, selections, typeName).filter((field) => field.name === name);
}

/**
 * Compiles a `path` field's entities (on the path, and at each hop's ends) and attaches them, once
 * read, as preloads of the Path and PathHop records. Only the first response key of each is compiled.
 */
export function pathProjections(info: GraphQLResolveInfo): { projections: PathProjections; attach(paths: PathRecord[]): PathRecord[] } {
  return compiledOnce(info, 'path', () => compilePathProjections(info));
}

function compilePathProjections(info: GraphQLResolveInfo): { projections: PathProjections; attach(paths: PathRecord[]): PathRecord[] } {
  const selections = fieldSelections(info);
  const entities = subFields(info, selections, 'Path', 'entities')[0];
  const hopSelections = subFields(info, selections, 'Path', 'hops').flatMap((field) => field.selections);
  const from = subFields(info, hopSelections, 'PathHop', 'from')[0];
  const to = subFields(info, hopSelections, 'PathHop', 'to')[0];
  const compile = (field: FieldRequest | undefined, prefix: string) => {
    if (!field) return undefined;
    const c = new Compilation(info, prefix);
    const projection: Projection<EntityRecord> = entityProjection(c, 'n', field.selections);
    return { cypher: projection.cypher, params: c.params, read: (raw: unknown) => projection.read(raw) };
  };
  const projections = {
    entities: compile(entities, 'pe'),
    hopFrom: compile(from, 'pf'),
    hopTo: compile(to, 'pt'),
    relationshipProperties: subFields(info, hopSelections, 'PathHop', 'relationship').length > 0,
  };
  return {
    projections,
    attach: (paths) =>
      paths.map((path) => {
        path.hops.forEach((hop, i) => {
          const preloads = new Map<string, unknown>();
          const fromValue = path.projected.froms?.[i];
          const toValue = path.projected.tos?.[i];
          if (from && fromValue) preloads.set(from.responseKey, fromValue);
          if (to && toValue) preloads.set(to.responseKey, toValue);
          attachPreloads(hop, preloads);
        });
        return entities && path.projected.entities
          ? attachPreloads(path, new Map([[entities.responseKey, path.projected.entities]]))
          : path;
      }),
  };
}

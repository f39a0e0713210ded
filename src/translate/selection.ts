// Reads a GraphQL selection the way execution will: fields by response key, through fragments,
// honouring @skip/@include, with argument values coerced (defaults and variables applied).
import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/** One field a selection asks for, under one response key. */
export interface FieldRequest {
  responseKey: string;
  name: string;
  args: Record<string, unknown>;
  /** The sub-selections of every occurrence (merged by execution). */
  selections: SelectionSetNode[];
}

/** What a selection reads from: the request's fragments, variables and schema. */
export type SelectionSource = Pick<GraphQLResolveInfo, 'schema' | 'fragments' | 'variableValues'>;

function included(source: SelectionSource, node: FieldNode | { directives?: FieldNode['directives'] }): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, source.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, source.variableValues);
  return include?.if !== false;
}

/**
 * The fields selected on `typeName`, by response key. Fragments on the type itself or on an
 * interface it implements apply; a fragment on a narrower type (`... on Country` under Entity)
 * does not, and such fields are left to ordinary resolution.
 */
export function collectFields(source: SelectionSource, selections: readonly SelectionSetNode[], typeName: string): FieldRequest[] {
  const type = source.schema.getType(typeName);
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return [];
  const fieldDefs = type.getFields();
  const found = new Map<string, FieldRequest>();
  const applies = (condition: string | undefined) => {
    if (condition === undefined || condition === typeName) return true;
    const conditionType = source.schema.getType(condition);
    return conditionType !== undefined && isAbstractType(conditionType) && source.schema.isSubType(conditionType, type);
  };
  const visit = (set: SelectionSetNode, seenFragments: Set<string>) => {
    for (const selection of set.selections) {
      if (!included(source, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const definition = fieldDefs[name];
        if (!definition) continue; // __typename and friends
        const responseKey = selection.alias?.value ?? name;
        const existing = found.get(responseKey);
        if (existing) {
          if (selection.selectionSet) existing.selections.push(selection.selectionSet);
          continue;
        }
        found.set(responseKey, {
          responseKey,
          name,
          args: getArgumentValues(definition, selection, source.variableValues),
          selections: selection.selectionSet ? [selection.selectionSet] : [],
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet, seenFragments);
      } else {
        const fragment = source.fragments[selection.name.value];
        if (!fragment || seenFragments.has(fragment.name.value) || !applies(fragment.typeCondition.name.value)) continue;
        visit(fragment.selectionSet, new Set([...seenFragments, fragment.name.value]));
      }
    }
  };
  for (const set of selections) visit(set, new Set());
  return [...found.values()];
}

/** The selection of the field being resolved. */
export function fieldSelections(info: GraphQLResolveInfo): SelectionSetNode[] {
  return info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** The fields selected under `path` (e.g. ['edges', 'node']) of a selection. */
export function selectionsAt(
  source: SelectionSource,
  selections: SelectionSetNode[],
  typeNames: string[],
  path: string[],
): SelectionSetNode[] {
  let current = selections;
  for (const [i, step] of path.entries()) {
    const typeName = typeNames[i] ?? '';
    current = collectFields(source, current, typeName)
      .filter((field) => field.name === step)
      .flatMap((field) => field.selections);
  }
  return current;
}

/** Whether a connection's selection asks for `pageInfo { hasNextPage }`: only then is the row after the page worth fetching. */
export function asksNextPage(source: SelectionSource, selections: SelectionSetNode[], connectionType: string): boolean {
  const pageInfo = selectionsAt(source, selections, [connectionType], ['pageInfo']);
  return pageInfo.length > 0 && collectFields(source, pageInfo, 'PageInfo').some((field) => field.name === 'hasNextPage');
}

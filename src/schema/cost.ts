// The cost model: an estimate, made before execution, of how many fields a request resolves.
// Each field costs 1; a list multiplies the cost of what is selected under it by how many items it
// may return: `first` for pages, `k` for paths, the number of ids. Searches that explore more than
// they return (paths, neighbourhoods, full-text) add their own price.
import { getNullableType, isListType, type GraphQLField } from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../graph/paging.js';

/** Assumed size of a list field with no size argument (a statement's speakers, a fact's evidence). */
export const DEFAULT_LIST_SIZE = 10;

/** A field's own cost and the factor applied to everything selected under it. */
export interface FieldCost {
  field: number;
  multiplier: number;
}

/** Default cost of a field: 1, and a list multiplies what it selects by DEFAULT_LIST_SIZE. */
export function defaultFieldCost<Ctx>(_args: unknown, _ctx: Ctx, field: GraphQLField<unknown, Ctx>): FieldCost {
  const type = getNullableType(field.type);
  return {
    field: 1,
    multiplier: isListType(type) ? DEFAULT_LIST_SIZE : 1,
  };
}

/** Cost of a page of `first` items (default page size when omitted), each costing `each` on its own. */
export function pageCost(first: number | null | undefined, each = 1): FieldCost {
  return { field: each, multiplier: Math.max(1, first ?? DEFAULT_PAGE_SIZE) };
}

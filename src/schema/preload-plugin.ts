import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { PRELOADABLE_FIELDS } from '../translate/compile.js';
import { preloaded } from '../translate/preload.js';

/**
 * Answers a field from what the compiled query preloaded for it (src/translate), and falls back to
 * the field's own resolver (the request's batch loader) when it was not preloaded. Only the fields
 * the translation can preload are wrapped; every other field resolves as written.
 */
export class PreloadPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!PRELOADABLE_FIELDS[fieldConfig.parentType]?.includes(fieldConfig.name)) return resolver;
    return (parent, args, context, info) => {
      const hit = preloaded(parent, String(info.path.key));
      return hit ? hit.value : resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin('preload', PreloadPlugin);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      preload: PreloadPlugin<Types>;
    }
  }
}

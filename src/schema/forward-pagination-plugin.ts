import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';

const CONNECTION_ARGS = ['first', 'after', 'last', 'before'];

/**
 * Drops `last` and `before` from every relay connection field: lists page forward by keyset only
 * (first/after), and a schema must not advertise arguments that every call would refuse.
 */
export class ForwardPaginationPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (!CONNECTION_ARGS.every((name) => name in fieldConfig.args)) return fieldConfig;
    const args = Object.fromEntries(Object.entries(fieldConfig.args).filter(([name]) => name !== 'last' && name !== 'before'));
    return { ...fieldConfig, args };
  }
}

SchemaBuilder.registerPlugin('forwardPagination', ForwardPaginationPlugin);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      forwardPagination: ForwardPaginationPlugin<Types>;
    }
  }
}

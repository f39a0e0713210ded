import { spawnSync } from 'node:child_process';
import {
  type GraphQLField,
  type GraphQLInputField,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

describe('the schema contract', () => {
  it('schema/schema.graphql is in sync with the code (npm run schema:check)', () => {
    const result = spawnSync('npm', ['run', '-s', 'schema:check'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        const fields = Object.values<GraphQLField<unknown, unknown> | GraphQLInputField>(type.getFields());
        for (const field of fields) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : [])
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('exposes the contract names clients rely on', () => {
    const types = schema.getTypeMap();
    for (const name of [
      'Node',
      'Entity',
      'Country',
      'Person',
      'Organization',
      'Agreement',
      'Event',
      'Statement',
      'Claim',
      'Source',
      'Evidence',
      'Stance',
      'EntityKind',
      'DatePrecision',
      'PartialDate',
    ]) {
      expect(types[name], name).toBeDefined();
    }
    const entity = types.Entity;
    expect(isInterfaceType(entity) && entity.getInterfaces().map((i) => i.name)).toEqual(['Node']);
    const query = schema.getQueryType()?.getFields() ?? {};
    for (const field of ['node', 'nodes', 'entity', 'entities', 'search', 'statements', 'claims', 'path', 'timeline'])
      expect(query[field], field).toBeDefined();
  });
});

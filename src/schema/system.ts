import { databaseInfo, type DatabaseInfo } from '../graph/system.js';
import { builder } from './builder.js';

const DatabaseInfoRef = builder.objectRef<DatabaseInfo>('DatabaseInfo').implement({
  description: 'The Neo4j server this API reads from.',
  fields: (t) => ({
    agent: t.exposeString('agent', { description: 'Server agent, e.g. "Neo4j/5.26.29".' }),
    edition: t.exposeString('edition', { description: 'Neo4j edition: community or enterprise.' }),
    version: t.exposeString('version', { description: 'Neo4j kernel version.' }),
    database: t.exposeString('database', { description: 'Name of the database queries run against.' }),
  }),
});

builder.queryField('database', (t) =>
  t.field({
    type: DatabaseInfoRef,
    description: 'The connected Neo4j database (a cheap way to check that the graph answers).',
    resolve: (_root, _args, ctx) => databaseInfo(ctx.executor),
  }),
);

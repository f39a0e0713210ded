import type { GraphExecutor } from './executor.js';

/** Facts about the connected database. */
export interface DatabaseInfo {
  agent: string;
  edition: string;
  version: string;
  database: string;
}

/** Reads the Neo4j version and edition of the connected server. */
export async function databaseInfo(executor: GraphExecutor): Promise<DatabaseInfo> {
  const [row] = await executor.readRows<{ name: string; versions: string[]; edition: string }>(
    'CALL dbms.components() YIELD name, versions, edition WHERE name = $name RETURN name, versions, edition',
    { name: 'Neo4j Kernel' },
  );
  return {
    agent: `Neo4j/${row?.versions[0] ?? 'unknown'}`,
    edition: row?.edition ?? 'unknown',
    version: row?.versions[0] ?? 'unknown',
    database: executor.database,
  };
}

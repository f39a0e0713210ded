// Prints the operators and db hits of a query's profile (development aid for docs/benchmarks.md).
import neo4j, { type Driver } from 'neo4j-driver';

interface PlanNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

function walk(plan: PlanNode, depth = 0, lines: string[] = []): string[] {
  const details = (typeof plan.arguments.Details === 'string' ? plan.arguments.Details : '').slice(0, 110);
  lines.push(`${'  '.repeat(depth)}${plan.operatorType} rows=${plan.rows} hits=${plan.dbHits} ${details}`);
  for (const child of plan.children) walk(child, depth + 1, lines);
  return lines;
}

/** Total db hits of a profiled query. */
export function totalDbHits(plan: PlanNode): number {
  return plan.dbHits + plan.children.reduce((sum, child) => sum + totalDbHits(child), 0);
}

/** Profiles one query and returns its plan lines and total db hits. */
export async function profile(
  driver: Driver,
  database: string,
  cypher: string,
  params: Record<string, unknown>,
): Promise<{ lines: string[]; dbHits: number }> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(`PROFILE ${cypher}`, params);
    const plan = result.summary.profile as unknown as PlanNode;
    return { lines: walk(plan), dbHits: totalDbHits(plan) };
  } finally {
    await session.close();
  }
}

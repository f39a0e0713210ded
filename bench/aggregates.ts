// The dashboard's aggregate queries, timed on our server only: @neo4j/graphql and the raw endpoint
// have no maintained counts to compare with (an equivalent there is a scan of the graph). What the
// numbers should show is that each answer costs the same at every data size.

/** Each aggregate a dashboard sends, as the overview page asks for it. */
export const AGGREGATE_QUERIES: Record<string, string> = {
  overview: '{ overview { entities statements claims contestedClaims sources relationships entitiesByKind { kind count } } }',
  speakers: '{ statementCounts(by: SPEAKER, first: 10) { total groups { key label count } } }',
  affiliations: '{ statementCounts(by: AFFILIATION, first: 10) { total groups { key label count } } }',
  stances: '{ statementCounts(by: STANCE) { total groups { key count } } }',
  claims: '{ claimCounts { total contested uncontested } }',
  activity: '{ activity(interval: MONTH) { buckets { label statements events inferredYear } lessPrecise { label statements } } }',
  connected: '{ mostConnected(first: 10) { entity { name kind } degree } }',
  'connected by type': '{ mostConnected(first: 10, kind: [PERSON], type: HOLDS_ROLE) { entity { name } degree } }',
};

/** One aggregate's timing: under load, and one request at a time. */
export interface AggregateTiming {
  rps: number;
  p50: number;
  p99: number;
  single: number;
  errors: number;
}

/** The table of one size's aggregate timings. */
export function aggregateTable(timings: Record<string, AggregateTiming>): string[] {
  return [
    '',
    'Aggregates (ours only; no equivalent on the other two):',
    '',
    '| aggregate | req/s | p50 (ms) | p99 (ms) | single p50 (ms) | errors |',
    '|---|---|---|---|---|---|',
    ...Object.entries(timings).map(([name, t]) => `| ${name} | ${t.rps} | ${t.p50} | ${t.p99} | ${t.single} | ${t.errors} |`),
  ];
}

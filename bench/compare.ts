// Checks that the three servers answer every shape with the same canonical facts.
//   npx tsx bench/compare.ts [--probes '<Probes as JSON>']
//   (NEO4J_URI, default bolt://127.0.0.1:7699; NEO4J_DATABASE, default neo4j; NEO4J_USER / NEO4J_PASSWORD
//   when the server needs auth)
// Starts all three modules in-process on one driver, asks each shape of each with the article's
// probes (or the given ones), prints per shape whether the facts are deep-equal (and the first
// difference when not), and exits 1 on any mismatch or error.
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import neo4j, { type Driver } from 'neo4j-driver';
import { SHAPE_NAMES, type Probes, type RunningServer, type ServerModule, type ShapeName } from './contract.js';
import { neo4jGraphql } from './servers/neo4j-graphql.js';
import { ours } from './servers/ours.js';
import { raw } from './servers/raw.js';

/** Probe values for the reference article (seed-data/article-001.json). */
export const ARTICLE_PROBES: Probes = {
  entityId: 'kim-jong-gyu',
  hubId: 'north-korea',
  affiliationId: 'north-korea',
  measure: 'nk-troops-in-russia',
  pathFrom: 'kim-jong-gyu',
  pathTo: 'volodymyr-zelensky',
  searchTerm: 'defense',
};

export const SERVER_MODULES: readonly ServerModule[] = [ours, neo4jGraphql, raw];

/** One server's facts for one shape, or why there are none. */
export type Outcome = { ok: true; facts: unknown } | { ok: false; error: string };

export interface ShapeComparison {
  shape: ShapeName;
  equal: boolean;
  outcomes: Record<string, Outcome>;
  /** The first difference from the reference server's facts, when not equal. */
  difference?: string;
}

/** Asks one server one shape and reads its canonical facts. */
export async function askFacts(module: ServerModule, server: RunningServer, shape: ShapeName, probes: Probes): Promise<Outcome> {
  const binding = module.bindings[shape];
  try {
    const call = binding.call(probes);
    const response = await fetch(server.url + call.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(call.body),
    });
    const text = await response.text();
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      return { ok: false, error: `HTTP ${response.status}, not JSON: ${text.slice(0, 200)}` };
    }
    return { ok: true, facts: binding.facts(answer) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** Where two JSON values first differ (depth first, arrays by index, objects by sorted key), or null. */
export function firstDifference(a: unknown, b: unknown, path = '$'): { path: string; a: unknown; b: unknown } | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const inner = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (inner) return inner;
    }
    return { path: `${path}.length`, a: a.length, b: b.length };
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(left), ...Object.keys(right)])].sort()) {
      const inner = firstDifference(left[key], right[key], `${path}.${key}`);
      if (inner) return inner;
    }
  }
  return { path, a, b };
}

/** Compares every shape across the running servers; the first server that answers is the reference. */
export async function compareServers(
  running: { module: ServerModule; server: RunningServer }[],
  probes: Probes,
): Promise<ShapeComparison[]> {
  const results: ShapeComparison[] = [];
  for (const shape of SHAPE_NAMES) {
    const outcomes: Record<string, Outcome> = {};
    for (const { module, server } of running) outcomes[module.name] = await askFacts(module, server, shape, probes);
    const entries = Object.entries(outcomes);
    const reference = entries.find(([, outcome]) => outcome.ok);
    let difference: string | undefined;
    for (const [name, outcome] of entries) {
      if (!outcome.ok) {
        difference ??= `${name} failed: ${outcome.error}`;
        continue;
      }
      if (!reference || !reference[1].ok || reference[0] === name) continue;
      const diff = firstDifference(reference[1].facts, outcome.facts);
      if (diff)
        difference ??= `${reference[0]} vs ${name} at ${diff.path}:\n      ${reference[0]}: ${show(diff.a)}\n      ${name}: ${show(diff.b)}`;
    }
    results.push({ shape, equal: difference === undefined, outcomes, ...(difference === undefined ? {} : { difference }) });
  }
  return results;
}

/** Starts the modules on one driver (port 0), compares, closes them again. */
export async function compareOnDriver(
  driver: Driver,
  database: string,
  probes: Probes,
  modules: readonly ServerModule[] = SERVER_MODULES,
): Promise<ShapeComparison[]> {
  const running: { module: ServerModule; server: RunningServer }[] = [];
  try {
    for (const module of modules) running.push({ module, server: await module.start({ driver, database, port: 0 }) });
    return await compareServers(running, probes);
  } finally {
    for (const { server } of running.reverse()) await server.close();
  }
}

/** ARTICLE_PROBES, or the probes given as JSON after --probes (every Probes field a string). */
function probesFromArgs(args: string[]): Probes {
  const at = args.indexOf('--probes');
  if (at === -1) return ARTICLE_PROBES;
  const given: unknown = JSON.parse(args[at + 1] ?? 'null');
  const keys = Object.keys(ARTICLE_PROBES) as (keyof Probes)[];
  if (given === null || typeof given !== 'object' || keys.some((key) => typeof (given as Record<string, unknown>)[key] !== 'string')) {
    throw new Error(`--probes needs a JSON object with the string fields ${keys.join(', ')}`);
  }
  return Object.fromEntries(keys.map((key) => [key, (given as Record<string, string>)[key]])) as unknown as Probes;
}

async function main(): Promise<number> {
  const probes = probesFromArgs(process.argv.slice(2));
  const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7699';
  const database = process.env.NEO4J_DATABASE ?? 'neo4j';
  const auth = process.env.NEO4J_PASSWORD ? neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD) : undefined;
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true });
  try {
    console.log(
      `Comparing ${SERVER_MODULES.map((module) => module.name).join(', ')} on ${uri} (database ${database}), probes ${JSON.stringify(probes)}`,
    );
    const results = await compareOnDriver(driver, database, probes);
    for (const result of results) {
      const sizes = Object.entries(result.outcomes)
        .map(([name, outcome]) => `${name}: ${outcome.ok ? size(outcome.facts) : 'error'}`)
        .join(', ');
      console.log(`${result.equal ? 'equal    ' : 'DIFFERENT'} ${result.shape.padEnd(11)} (${sizes})`);
      if (result.difference) console.log(`    ${result.difference}`);
    }
    const failed = results.filter((result) => !result.equal).length;
    console.log(failed === 0 ? `All ${results.length} shapes match.` : `${failed} of ${results.length} shapes differ.`);
    return failed === 0 ? 0 : 1;
  } finally {
    await driver.close();
  }
}

/** A short size of a facts value: items of a list, or of the first list inside it. */
function size(facts: unknown): string {
  if (Array.isArray(facts)) return `${facts.length} items`;
  if (facts !== null && typeof facts === 'object') {
    const list = Object.entries(facts).find(([, value]) => Array.isArray(value));
    if (list) return `${(list[1] as unknown[]).length} ${list[0]}`;
  }
  return 'facts';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

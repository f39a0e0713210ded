// npm run schema:compat [-- --base <git ref>]: compares schema/schema.graphql (the published contract)
// with its version at a base commit. Breaking changes (a removed field, a new required argument...)
// must each be named in a CHANGELOG.md line added since that commit, by schema coordinate
// (`Query.entity`, `Query.path(k:)`, or `*.relationships(last:)` for a field on every type that has
// it); dangerous ones are listed.
// Base: HEAD when the working tree changes the schema (check before committing), else HEAD~1 (the
// change the last commit made); pass a release tag to check everything since that release.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';

const SCHEMA = 'schema/schema.graphql';
const CHANGELOG = 'CHANGELOG.md';

/** What changed in the contract since the base, and which breaking changes the changelog does not name. */
export interface CompatibilityReport {
  base: string;
  /** False when the base has no schema to compare with (a shallow clone, or before the file existed). */
  compared: boolean;
  breaking: string[];
  dangerous: string[];
  /** Breaking changes whose schema coordinate no CHANGELOG.md line added since the base mentions. */
  unrecorded: string[];
}

const git = (root: string, args: string[]): string | null => {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
};

/**
 * The schema coordinate a graphql-js change description names: "Query.entity.slug was removed." gives
 * `Query.entity.slug`, "Query.path arg k was removed." and "A required arg k on Query.path was added." give
 * `Query.path(k:)`, "A required field x on input type T was added." gives `T.x`.
 */
export function coordinateOf(description: string): string {
  const words = description.split(' ').map((word) => word.replace(/[.,]$/, ''));
  const dotted = words.find((word) => /^[A-Za-z_]\w*\.[A-Za-z_]\w*/.test(word));
  const arg = /\barg (\w+)\b/.exec(description)?.[1];
  if (dotted) return arg ? `${dotted}(${arg}:)` : dotted;
  const inputField = /field (\w+) on (?:input )?type (\w+)/.exec(description);
  return inputField ? `${inputField[2]}.${inputField[1]}` : (words[0] ?? '');
}

/** True when a changelog line names the coordinate, or the same field on every type (`*.relationships(last:)`). */
function names(line: string, coordinate: string): boolean {
  const dot = coordinate.indexOf('.');
  return line.includes(coordinate) || (dot > 0 && line.includes(`*${coordinate.slice(dot)}`));
}

/** The base to compare with when none is given: HEAD if the schema file has uncommitted changes, else HEAD~1. */
export function defaultBase(root: string): string {
  return git(root, ['diff', '--quiet', 'HEAD', '--', SCHEMA]) === null ? 'HEAD' : 'HEAD~1';
}

/** Compares the schema in `root` with the one at `base`, and checks the changelog for each breaking change. */
export function checkCompatibility(root: string, base: string): CompatibilityReport {
  const before = git(root, ['show', `${base}:${SCHEMA}`]);
  if (before === null) return { base, compared: false, breaking: [], dangerous: [], unrecorded: [] };
  const [oldSchema, newSchema] = [buildSchema(before), buildSchema(readFileSync(join(root, SCHEMA), 'utf8'))];
  const breaking = findBreakingChanges(oldSchema, newSchema).map((change) => `${change.type}: ${change.description}`);
  const dangerous = findDangerousChanges(oldSchema, newSchema).map((change) => `${change.type}: ${change.description}`);
  const oldLog = new Set((git(root, ['show', `${base}:${CHANGELOG}`]) ?? '').split('\n'));
  let newLog = '';
  try {
    newLog = readFileSync(join(root, CHANGELOG), 'utf8');
  } catch {
    // no changelog: every breaking change is unrecorded
  }
  const added = newLog.split('\n').filter((line) => !oldLog.has(line));
  const unrecorded = breaking.filter((change) => {
    const coordinate = coordinateOf(change.slice(change.indexOf(': ') + 2));
    return !added.some((line) => names(line, coordinate));
  });
  return { base, compared: true, breaking, dangerous, unrecorded };
}

/** The coordinates to name, one `*.field(arg:)` for a change that several types share. */
function suggestedNames(coordinates: string[]): string[] {
  const bySuffix = new Map<string, string[]>();
  for (const coordinate of coordinates) {
    const suffix = coordinate.slice(Math.max(0, coordinate.indexOf('.')));
    bySuffix.set(suffix, [...(bySuffix.get(suffix) ?? []), coordinate]);
  }
  return [...bySuffix.entries()].flatMap(([suffix, all]) => (all.length > 1 && suffix.startsWith('.') ? [`*${suffix}`] : all));
}

/** Prints the report; exit code 1 when a breaking change is not in the changelog. */
function main(): void {
  const { values } = parseArgs({ options: { base: { type: 'string' } } });
  const root = process.cwd();
  const base = values.base ?? defaultBase(root);
  const report = checkCompatibility(root, base);
  if (!report.compared) {
    process.stdout.write(`schema:compat: no ${SCHEMA} at ${base} to compare with (shallow clone or first version); nothing to check\n`);
    return;
  }
  const lines = [
    `schema:compat: ${SCHEMA} against ${base}: ${report.breaking.length} breaking, ${report.dangerous.length} dangerous change(s)`,
  ];
  for (const change of report.breaking)
    lines.push(`  breaking   ${change}${report.unrecorded.includes(change) ? '   <- not in CHANGELOG.md' : ''}`);
  for (const change of report.dangerous) lines.push(`  dangerous  ${change}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (report.unrecorded.length > 0) {
    const names = suggestedNames(report.unrecorded.map((change) => coordinateOf(change.slice(change.indexOf(': ') + 2)))).map(
      (name) => `\`${name}\``,
    );
    process.stderr.write(
      `schema:compat: ${report.unrecorded.length} breaking change(s) without a CHANGELOG.md entry: add a line naming ${names.join(', ')} under "Unreleased" (what changed and what clients do instead)\n`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();

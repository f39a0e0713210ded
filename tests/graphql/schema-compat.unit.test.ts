import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCompatibility, coordinateOf, defaultBase } from '../../scripts/schema-compat.js';

const V1 = `type Query {\n  entity(id: ID!): Entity\n  path(from: ID!, to: ID!, k: Int): [String!]!\n}\n\ntype Entity {\n  name: String!\n  slug: String!\n}\n`;

describe('the schema compatibility check', () => {
  let root: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
  const write = (schema: string, changelog: string) => {
    writeFileSync(join(root, 'schema', 'schema.graphql'), schema);
    writeFileSync(join(root, 'CHANGELOG.md'), changelog);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kg-compat-'));
    mkdirSync(join(root, 'schema'));
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '--allow-empty', '-m', 'start');
    write(V1, '# Changelog\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'v1');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes an additive change with no changelog entry', () => {
    write(V1.replace('  slug: String!\n', '  slug: String!\n  aliases: [String!]!\n'), '# Changelog\n');
    expect(defaultBase(root)).toBe('HEAD');
    expect(checkCompatibility(root, 'HEAD')).toEqual({ base: 'HEAD', compared: true, breaking: [], dangerous: [], unrecorded: [] });
  });

  it('names a removed field and a new required argument that the changelog does not mention', () => {
    write(V1.replace('  slug: String!\n', '').replace('k: Int', 'k: Int!'), '# Changelog\n');
    const report = checkCompatibility(root, 'HEAD');
    expect(report.breaking).toEqual([
      'ARG_CHANGED_KIND: Query.path arg k has changed type from Int to Int!.',
      'FIELD_REMOVED: Entity.slug was removed.',
    ]);
    expect(report.unrecorded).toEqual(report.breaking);
  });

  it('accepts each breaking change once a changelog line added since the base names its coordinate', () => {
    write(V1.replace('  slug: String!\n', '').replace('k: Int', 'k: Int!'), '# Changelog\n\n- `Entity.slug`: removed; use `id`.\n');
    expect(checkCompatibility(root, 'HEAD').unrecorded).toEqual(['ARG_CHANGED_KIND: Query.path arg k has changed type from Int to Int!.']);
    write(
      V1.replace('  slug: String!\n', '').replace('k: Int', 'k: Int!'),
      '# Changelog\n\n- `Entity.slug`: removed; use `id`.\n- `Query.path(k:)` is required.\n',
    );
    expect(checkCompatibility(root, 'HEAD').unrecorded).toEqual([]);
  });

  it('does not count a changelog line that was already there at the base', () => {
    write(V1, '# Changelog\n\n- `Entity.slug` (an old note)\n');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qam', 'note');
    write(V1.replace('  slug: String!\n', ''), '# Changelog\n\n- `Entity.slug` (an old note)\n');
    expect(checkCompatibility(root, 'HEAD').unrecorded).toEqual(['FIELD_REMOVED: Entity.slug was removed.']);
  });

  it('compares the last commit when the working tree leaves the schema alone, and says so when there is nothing to compare', () => {
    expect(defaultBase(root)).toBe('HEAD~1');
    expect(checkCompatibility(root, 'HEAD~1')).toMatchObject({ compared: false, breaking: [] });
  });
});

describe('schema coordinates of change descriptions', () => {
  it('name the field, or the field and argument', () => {
    expect(coordinateOf('Query.entity.slug was removed.')).toBe('Query.entity.slug');
    expect(coordinateOf('Query.path arg statedOnly was removed.')).toBe('Query.path(statedOnly:)');
    expect(coordinateOf('A required arg k on Query.path was added.')).toBe('Query.path(k:)');
    expect(coordinateOf('A required field name on input type UpsertEntityInput was added.')).toBe('UpsertEntityInput.name');
    expect(coordinateOf('Stance was removed.')).toBe('Stance');
  });
});

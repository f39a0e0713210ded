import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVER_NODE_ARGS } from '../../scripts/server-command.js';
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js';

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}

// There is no Docker engine here, so the compose file is checked against the config module instead.
describe('docker-compose.yml agrees with the config module', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, ComposeService> };
  const neo4j = compose.services.neo4j;
  const app = compose.services.app;

  it('runs Neo4j 5.26 Community with auth, volumes and a healthcheck', () => {
    expect(neo4j?.image).toBe('neo4j:5.26-community');
    expect(neo4j?.environment?.NEO4J_AUTH).toMatch(/^neo4j\/.{8,}$/);
    expect(neo4j?.volumes?.some((volume) => volume.endsWith(':/data'))).toBe(true);
    expect(neo4j?.healthcheck?.test.join(' ')).toContain('cypher-shell');
    expect(neo4j?.ports).toContain('7687:7687');
  });

  it('builds the app and starts it only once Neo4j is healthy', () => {
    expect(app?.build).toBe('.');
    expect(app?.depends_on?.neo4j?.condition).toBe('service_healthy');
  });

  it('gives the app only variables the config module reads, and they validate', () => {
    const env = app?.environment ?? {};
    for (const name of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(name);
    const config = loadConfig(env);
    expect(config.neo4j).toMatchObject({ mode: 'external', uri: 'bolt://neo4j:7687' });
    expect(config.host).toBe('0.0.0.0');
    expect(app?.ports).toContain(`${config.port}:${config.port}`);
  });

  it("uses the neo4j service's name, Bolt port and password", () => {
    const config = loadConfig(app?.environment ?? {});
    if (config.neo4j.mode !== 'external') throw new Error('app must use the neo4j service');
    const uri = new URL(config.neo4j.uri.replace(/^bolt/, 'http'));
    expect(Object.keys(compose.services)).toContain(uri.hostname);
    expect(neo4j?.ports?.map((port) => port.split(':')[1])).toContain(uri.port);
    expect(neo4j?.environment?.NEO4J_AUTH).toBe(`${config.neo4j.user}/${config.neo4j.password}`);
  });
});

// No Docker engine here either: the Dockerfile is checked against what `npm start` does in production.
describe('the Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;

  it('builds and runs on a Node line that package.json supports', () => {
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)-slim/gm)].map((match) => match[1]);
    expect(majors).toEqual(['24', '24']);
    expect(
      engines.split('||').map(
        (range) =>
          range
            .trim()
            .replace(/^[\^>=]+/, '')
            .split('.')[0],
      ),
    ).toContain('24');
  });

  it('runs the compiled server with the same Node flags as npm start', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...SERVER_NODE_ARGS, 'dist/server.js']);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it('builds the dashboard and ships its files where the server reads them', () => {
    expect(dockerfile).toMatch(/^RUN npm run dashboard:build$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dashboard\/dist \.\/dashboard\/dist$/m);
  });
});

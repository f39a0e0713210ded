import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../src/config.js';
import { SERVER_COMMAND_ARGS } from '../scripts/server-command.js';

describe('configuration', () => {
  it('defaults to the embedded Neo4j and port 4000', () => {
    const config = loadConfig({});
    expect(config.neo4j.mode).toBe('local');
    expect(config.port).toBe(4000);
    expect(config.database).toBe('neo4j');
    expect(config.logLevel).toBe('info');
  });

  it('turns introspection and GraphiQL off in production unless enabled, and keeps loopback Host names', () => {
    const development = loadConfig({});
    expect([development.graphiql, development.introspection]).toEqual([true, true]);
    const production = loadConfig({ NODE_ENV: 'production' });
    expect([production.graphiql, production.introspection]).toEqual([false, false]);
    const enabled = loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true', INTROSPECTION: '1' });
    expect([enabled.graphiql, enabled.introspection]).toEqual([true, true]);
    expect(development.browser).toEqual({ corsOrigins: [], allowedHosts: ['localhost', '127.0.0.1', '[::1]'] });
    expect(loadConfig({ HOST: 'kg.internal', ALLOWED_HOSTS: 'A.example' }).browser.allowedHosts).toEqual(['a.example', 'kg.internal']);
    expect(loadConfig({ HOST: '0.0.0.0' }).browser.allowedHosts).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });

  it('serves the dashboard unless DASHBOARD=false, in production too', () => {
    expect(loadConfig({}).dashboard).toEqual({ enabled: true });
    expect(loadConfig({ NODE_ENV: 'production' }).dashboard).toEqual({ enabled: true });
    expect(loadConfig({ DASHBOARD: 'false' }).dashboard).toEqual({ enabled: false });
    expect(() => loadConfig({ DASHBOARD: 'off' })).toThrow('Invalid configuration: DASHBOARD must be one of 0, 1, true, false (got "off")');
  });

  it('compiles a query after 10 runs unless COMPILE_QUERIES_AFTER says otherwise', () => {
    expect(loadConfig({}).compileQueriesAfter).toBe(10);
    expect(loadConfig({ COMPILE_QUERIES_AFTER: '0' }).compileQueriesAfter).toBe(0);
    expect(loadConfig({ COMPILE_QUERIES_AFTER: 'off' }).compileQueriesAfter).toBeNull();
    expect(() => loadConfig({ COMPILE_QUERIES_AFTER: 'never' })).toThrow(
      'Invalid configuration: COMPILE_QUERIES_AFTER must be a number of runs (0 or more) or off (got "never")',
    );
  });

  it('connects to an external server when NEO4J_URI is set', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_PASSWORD: 'secret', NEO4J_DATABASE: 'graph' });
    expect(config.neo4j).toEqual({ mode: 'external', uri: 'neo4j+s://abc.databases.neo4j.io', user: 'neo4j', password: 'secret' });
    expect(config.database).toBe('graph');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a number (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be at most 65535'],
    [{ PORT: '1.5' }, 'PORT must be a whole number'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of development, production, test'],
    [{ NEO4J_URI: 'http://localhost:7474' }, 'NEO4J_URI must be a URL with scheme bolt'],
    [{ NEO4J_URI: 'bolt://127.0.0.1:7687' }, 'NEO4J_PASSWORD is required when NEO4J_URI is set'],
    [{ NEO4J_DATABASE: 'Bad_Name' }, 'NEO4J_DATABASE must be a Neo4j database name'],
    [{ NEO4J_LOCAL_HEAP_MB: '0' }, 'NEO4J_LOCAL_HEAP_MB must be at least 1'],
    [{ MAX_COST: '0' }, 'MAX_COST must be at least 1'],
    [{ REQUEST_TIMEOUT_MS: '50' }, 'REQUEST_TIMEOUT_MS must be at least 100'],
    [{ CORS_ORIGINS: 'https://ok.example,evil.example/path' }, 'CORS_ORIGINS must be a comma-separated list of origins'],
    [{ GRAPHIQL: 'yes' }, 'GRAPHIQL must be one of 0, 1, true, false (got "yes")'],
  ])('rejects %j with one line naming the variable', (env, message) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const text = (thrown as Error).message;
    expect(text).toContain(message);
    expect(text).not.toContain('\n');
  });

  it('stops `npm start` with exit 1 and one line on a bad value', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, SERVER_COMMAND_ARGS, {
      env: { ...process.env, PORT: 'nope', NEO4J_URI: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: PORT must be a number (got "nope")');
  });

  it('starts the server with the same Node flags in `npm start` as in the scripts that spawn it', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toBe(`node ${SERVER_COMMAND_ARGS.join(' ')}`);
  });
});

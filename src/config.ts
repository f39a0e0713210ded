import { availableParallelism } from 'node:os';
import { z } from 'zod';

const NEO4J_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'] as const;

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const tcpPort = () => z.coerce.number().int().min(0).max(65535);

const positiveInt = (fallback: number, max: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(max).default(fallback));

const boundedInt = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

/** "true"/"false"/"1"/"0"; undefined when unset, so the default can depend on NODE_ENV. */
const optionalFlag = () =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0'])
      .transform((value) => value === 'true' || value === '1')
      .optional(),
  );

/** A comma-separated list; empty entries are dropped. */
const commaList = (fallback: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default(fallback)
      .transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      ),
  );

const ORIGIN = /^https?:\/\/[^/\s]+$/;

const envSchema = z.object({
  NEO4J_URI: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (uri) => {
          const match = /^([a-z0-9+]+):\/\/[^/\s]+/.exec(uri);
          return match !== null && (NEO4J_SCHEMES as readonly string[]).includes(match[1] ?? '');
        },
        { message: `must be a URL with scheme ${NEO4J_SCHEMES.join(', ')} (e.g. bolt://127.0.0.1:7687)` },
      )
      .optional(),
  ),
  NEO4J_USER: z.preprocess(emptyAsUndefined, z.string().default('neo4j')),
  NEO4J_PASSWORD: z.preprocess(emptyAsUndefined, z.string().optional()),
  NEO4J_DATABASE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/, 'must be a Neo4j database name (lowercase letters, digits, dots, dashes; 3-63 chars)')
      .default('neo4j'),
  ),
  NEO4J_MAX_RETRY_MS: positiveInt(5000, 300_000),
  NEO4J_MAX_CONNECTIONS: positiveInt(Math.max(2, 2 * availableParallelism()), 1_000),
  NEO4J_LOCAL_PORT: z.preprocess(emptyAsUndefined, tcpPort().optional()),
  NEO4J_LOCAL_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data/neo4j')),
  NEO4J_LOCAL_HEAP_MB: positiveInt(768, 16_384),
  NEO4J_LOCAL_PAGECACHE_MB: positiveInt(128, 16_384),
  NEO4J_LOCAL_START_TIMEOUT_MS: positiveInt(120_000, 3_600_000),
  NEO4J_LOCAL_JIT: z.preprocess(emptyAsUndefined, z.enum(['full', 'quick']).default('full')),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('localhost')),
  PORT: z.preprocess(emptyAsUndefined, tcpPort().default(4000)),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
  GRAPHIQL: optionalFlag(),
  INTROSPECTION: optionalFlag(),
  CORS_ORIGINS: commaList('').refine((origins) => origins.every((origin) => origin === '*' || ORIGIN.test(origin)), {
    message: 'must be a comma-separated list of origins like https://app.example.org (scheme://host[:port], no path), or *',
  }),
  ALLOWED_HOSTS: commaList('localhost,127.0.0.1,[::1]'),
  REQUEST_TIMEOUT_MS: boundedInt(10_000, 100, 600_000),
  SHUTDOWN_GRACE_MS: boundedInt(7_000, 0, 120_000),
  MAX_BODY_BYTES: boundedInt(100_000, 1_000, 100_000_000),
  MAX_RESPONSE_BYTES: boundedInt(4_000_000, 10_000, 1_000_000_000),
  MAX_COST: positiveInt(50_000, 100_000_000),
  MAX_DEPTH: positiveInt(12, 1_000),
  MAX_BREADTH: positiveInt(500, 100_000),
  MAX_ALIASES: positiveInt(30, 10_000),
  MAX_DIRECTIVES: positiveInt(20, 10_000),
  MAX_TOKENS: positiveInt(2_000, 1_000_000),
  MAX_NODE_IDS: positiveInt(100, 10_000),
  MAX_SEARCH_LENGTH: positiveInt(200, 10_000),
  MAX_SEARCH_TERMS: positiveInt(32, 1_000),
  MAX_SUBSCRIPTIONS_PER_CLIENT: positiveInt(10, 10_000),
  COMPILE_QUERIES_AFTER: z.preprocess(
    emptyAsUndefined,
    z
      .union([z.literal('off'), z.coerce.number().int().min(0).max(1_000_000_000)], {
        error: 'must be a number of runs (0 or more) or off',
      })
      .default(10),
  ),
  NEO4J_LOCAL_RESTARTS: boundedInt(5, 0, 100),
  AUTH_READS: z.preprocess(emptyAsUndefined, z.enum(['open', 'token']).default('open')),
  API_KEYS: commaList('').refine((keys) => keys.every((key) => API_KEY_ENTRY.test(key)), {
    message: 'must be a comma-separated list of name:scopes:sha256, e.g. analyst:read+write:<64 hex digits> (npm run token makes one)',
  }),
  JWT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters (HS256 secret)').optional()),
  JWT_JWKS_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  JWT_ISSUER: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  JWT_AUDIENCE: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  METRICS: optionalFlag(),
  DASHBOARD: optionalFlag(),
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  PERSISTED_OPERATIONS_FILE: commaList(''),
  PERSISTED_OPERATIONS_ONLY: optionalFlag(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyAsUndefined, z.url().optional()),
  OTEL_SERVICE_NAME: z.preprocess(emptyAsUndefined, z.string().min(1).default('kg-graphql')),
});

type Env = z.infer<typeof envSchema>;

/** One configured API key: `name:scope+scope:sha256-of-the-key`. */
const API_KEY_ENTRY = /^[\w.-]+:(read|write)(\+(read|write))*:[0-9a-f]{64}$/;

/** A scope a credential can grant. */
export type Scope = 'read' | 'write';

/** Who may read and write: API keys (stored hashed) and JWTs (HS256 secret or a JWKS URL). */
export interface AuthConfig {
  /** `open`: anyone may read; `token`: reads need a credential too. Writes always need the write scope. */
  reads: 'open' | 'token';
  apiKeys: { name: string; scopes: Scope[]; sha256: string }[];
  jwt: { secret: string | undefined; jwksUrl: string | undefined; issuer: string | undefined; audience: string | undefined };
}

/** Where the graph lives: an external server, or the embedded Neo4j this process starts. */
export type Neo4jTarget =
  | { mode: 'external'; uri: string; user: string; password: string }
  | {
      mode: 'local';
      port: number | undefined;
      dataDir: string;
      heapMb: number;
      pageCacheMb: number;
      startTimeoutMs: number;
      jit: 'full' | 'quick';
    };

/** Limits every request is held to; see docs/limits.md. */
export interface RequestLimits {
  /** Whole-request deadline: execution is cancelled and its Neo4j transactions closed when it passes. */
  timeoutMs: number;
  maxBodyBytes: number;
  maxResponseBytes: number;
  /** Estimated cost: list sizes (first, k, depth, ids) multiplied along each path of the selection. */
  maxCost: number;
  maxDepth: number;
  /** Field selections in the operation, fragments counted where they are spread. */
  maxBreadth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxNodeIds: number;
  maxSearchLength: number;
  maxSearchTerms: number;
  /** Open subscriptions one client (credential, else address) may hold. */
  maxSubscriptionsPerClient: number;
}

/** What a browser may do, and which Host names the server answers to. */
export interface BrowserPolicy {
  /** Origins allowed by CORS; empty means CORS is off (no Access-Control-* headers). */
  corsOrigins: string[];
  /** Accepted Host header names (without port); "*" accepts any. */
  allowedHosts: string[];
}

/** Validated application configuration. */
export interface AppConfig {
  neo4j: Neo4jTarget;
  database: string;
  maxRetryMs: number;
  /** Connections to Neo4j, so queries running at once (default: two per core of this machine). */
  maxConnections: number;
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  nodeEnv: Env['NODE_ENV'];
  /** GraphiQL in the browser; off in production unless GRAPHIQL=true. */
  graphiql: boolean;
  /** Schema introspection (and "Did you mean" suggestions); off in production unless INTROSPECTION=true. */
  introspection: boolean;
  browser: BrowserPolicy;
  limits: RequestLimits;
  /** Runs of a query document before it is compiled to JavaScript (graphql-jit); null: never compiled. */
  compileQueriesAfter: number | null;
  /** How long in-flight requests may run after SIGTERM before they are cut. */
  shutdownGraceMs: number;
  /** How many times in a row the embedded Neo4j is restarted after its JVM dies. */
  localNeo4jRestarts: number;
  auth: AuthConfig;
  /** Redis for cross-instance subscription events; events stay in the process when unset. */
  redisUrl: string | undefined;
  /** Prometheus metrics at /metrics (on unless METRICS=false), behind a bearer token when one is set. */
  metrics: { enabled: boolean; token: string | undefined };
  /** The analyst dashboard at /dashboard (on unless DASHBOARD=false), served from dashboard/dist. */
  dashboard: { enabled: boolean };
  /** Trusted documents: manifests of known operations (hash -> document), and whether only those may run. */
  persistedOperations: { files: string[]; only: boolean };
  /** OpenTelemetry traces, sent over OTLP/HTTP when an endpoint is set. */
  tracing: { endpoint: string | undefined; serviceName: string };
}

/** A configuration error whose message is one line naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates configuration from an environment; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const got = env[variable];
    const shown = got === undefined || /PASSWORD|SECRET|KEYS|TOKEN/.test(variable) ? '' : ` (got ${JSON.stringify(got)})`;
    throw new ConfigError(`Invalid configuration: ${variable} ${describeIssue(issue)}${shown}`);
  }
  const e = parsed.data;
  if (e.NEO4J_URI !== undefined && e.NEO4J_PASSWORD === undefined) {
    throw new ConfigError('Invalid configuration: NEO4J_PASSWORD is required when NEO4J_URI is set');
  }
  if (e.PERSISTED_OPERATIONS_ONLY === true && e.PERSISTED_OPERATIONS_FILE.length === 0) {
    throw new ConfigError(
      'Invalid configuration: PERSISTED_OPERATIONS_ONLY=true needs PERSISTED_OPERATIONS_FILE (the manifest of known operations)',
    );
  }
  const neo4j: Neo4jTarget =
    e.NEO4J_URI !== undefined
      ? { mode: 'external', uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD ?? '' }
      : {
          mode: 'local',
          port: e.NEO4J_LOCAL_PORT,
          dataDir: e.NEO4J_LOCAL_DATA_DIR,
          heapMb: e.NEO4J_LOCAL_HEAP_MB,
          pageCacheMb: e.NEO4J_LOCAL_PAGECACHE_MB,
          startTimeoutMs: e.NEO4J_LOCAL_START_TIMEOUT_MS,
          jit: e.NEO4J_LOCAL_JIT,
        };
  return {
    neo4j,
    database: e.NEO4J_DATABASE,
    maxRetryMs: e.NEO4J_MAX_RETRY_MS,
    maxConnections: e.NEO4J_MAX_CONNECTIONS,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    nodeEnv: e.NODE_ENV,
    graphiql: e.GRAPHIQL ?? e.NODE_ENV !== 'production',
    introspection: e.INTROSPECTION ?? e.NODE_ENV !== 'production',
    browser: { corsOrigins: e.CORS_ORIGINS, allowedHosts: allowedHosts(e.ALLOWED_HOSTS, e.HOST) },
    limits: {
      timeoutMs: e.REQUEST_TIMEOUT_MS,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxResponseBytes: e.MAX_RESPONSE_BYTES,
      maxCost: e.MAX_COST,
      maxDepth: e.MAX_DEPTH,
      maxBreadth: e.MAX_BREADTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxNodeIds: e.MAX_NODE_IDS,
      maxSearchLength: e.MAX_SEARCH_LENGTH,
      maxSearchTerms: e.MAX_SEARCH_TERMS,
      maxSubscriptionsPerClient: e.MAX_SUBSCRIPTIONS_PER_CLIENT,
    },
    compileQueriesAfter: e.COMPILE_QUERIES_AFTER === 'off' ? null : e.COMPILE_QUERIES_AFTER,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    localNeo4jRestarts: e.NEO4J_LOCAL_RESTARTS,
    auth: {
      reads: e.AUTH_READS,
      apiKeys: e.API_KEYS.map((entry) => {
        const [name = '', scopes = '', sha256 = ''] = entry.split(':');
        return { name, scopes: scopes.split('+') as Scope[], sha256 };
      }),
      jwt: { secret: e.JWT_SECRET, jwksUrl: e.JWT_JWKS_URL, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    },
    redisUrl: e.REDIS_URL,
    metrics: { enabled: e.METRICS ?? true, token: e.METRICS_TOKEN },
    dashboard: { enabled: e.DASHBOARD ?? true },
    persistedOperations: { files: e.PERSISTED_OPERATIONS_FILE, only: e.PERSISTED_OPERATIONS_ONLY ?? false },
    tracing: { endpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
  };
}

const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]']);

/** The Host allow-list: the configured names plus the name the server binds to (unless a wildcard address). */
function allowedHosts(configured: string[], bindHost: string): string[] {
  const names = configured.map((host) => host.toLowerCase());
  const bound = bindHost.toLowerCase();
  const own = WILDCARD_ADDRESSES.has(bound) ? [] : [bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound];
  return [...new Set([...names, ...own])];
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'is invalid';
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      return issue.expected === 'number' ? 'must be a number' : `must be a ${issue.expected}`;
    default:
      return issue.message;
  }
}

/** The environment variables the config module reads (used to keep docker-compose honest). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

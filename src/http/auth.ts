// Who is calling: a bearer credential (API key or JWT) turned into scopes, once per request.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { AuthConfig, Scope } from '../config.js';

/** What a request may do, and why not when its credential was refused. */
export interface AuthState {
  /** The key's name or the token's subject; null for an anonymous request. */
  principal: string | null;
  scopes: ReadonlySet<Scope>;
  /** Set when a credential was given but refused: every field then fails with UNAUTHENTICATED. */
  failure: string | null;
}

/** SHA-256 of an API key, as API_KEYS stores it. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

const refused = (failure: string): AuthState => ({ principal: null, scopes: new Set(), failure });

/** Scopes a JWT grants: its `scope` claim (space-separated, OAuth style) or a `scopes` array; only read and write count. */
function jwtScopes(payload: JWTPayload): Scope[] {
  const claimed = typeof payload.scope === 'string' ? payload.scope.split(' ') : Array.isArray(payload.scopes) ? payload.scopes : [];
  return claimed.filter((scope): scope is Scope => scope === 'read' || scope === 'write');
}

/** Builds the request authenticator: API keys compared by hash in constant time, JWTs verified with jose. */
export function createAuthenticator(config: AuthConfig): (authorization: string | null) => Promise<AuthState> {
  const keys = config.apiKeys.map((key) => ({ ...key, digest: Buffer.from(key.sha256, 'hex') }));
  const { secret, jwksUrl, issuer, audience } = config.jwt;
  const jwtKey = secret ? new TextEncoder().encode(secret) : jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : null;
  const anonymous: AuthState = { principal: null, scopes: new Set(config.reads === 'open' ? ['read'] : []), failure: null };
  return async (authorization) => {
    if (authorization === null || authorization.trim() === '') return anonymous;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return refused('The Authorization header must be "Bearer <API key or JWT>"');
    const token = match[1];
    const digest = Buffer.from(hashApiKey(token), 'hex');
    const key = keys.find((candidate) => timingSafeEqual(candidate.digest, digest));
    // Any valid credential may read; write needs the scope.
    if (key) return { principal: key.name, scopes: new Set<Scope>(['read', ...key.scopes]), failure: null };
    if (jwtKey === null || token.split('.').length !== 3) return refused('Unknown API key');
    try {
      const options = { ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}), algorithms: secret ? ['HS256'] : undefined };
      const { payload } = typeof jwtKey === 'function' ? await jwtVerify(token, jwtKey, options) : await jwtVerify(token, jwtKey, options);
      return { principal: payload.sub ?? 'jwt', scopes: new Set<Scope>(['read', ...jwtScopes(payload)]), failure: null };
    } catch (error) {
      return refused(`Invalid token: ${error instanceof Error ? error.message.slice(0, 100) : 'rejected'}`);
    }
  };
}

// Hash routes: #/ overview, #/entity/<slug>, #/path?from=..&to=.., #/timeline, #/claims?measure=..
// The whole view lives in the hash, so every view can be bookmarked, shared and reloaded.
import type { Basis } from './types.js';

/** What the address asks to see. */
export type Route =
  | { view: 'overview' }
  | { view: 'entity'; slug: string; statement: string | undefined }
  | { view: 'path'; from: string; to: string; k: number; basis: Basis[] }
  | { view: 'timeline'; from: string; to: string; entity: string }
  | { view: 'claims'; measure: string; topic: string; about: string; contested: boolean }
  | { view: 'unknown'; hash: string };

const BASES: Basis[] = ['STATED', 'ALLEGED', 'BACKGROUND'];

/** The route of a location hash ("" and "#/" are the overview). */
export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(search);
  const get = (name: string) => params.get(name)?.trim() ?? '';
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = segments;
  if (first === undefined) return { view: 'overview' };
  if (first === 'entity' && second !== undefined && segments.length === 2) {
    return { view: 'entity', slug: second, statement: get('statement') || undefined };
  }
  if (segments.length !== 1) return { view: 'unknown', hash };
  switch (first) {
    case 'path': {
      const k = Number.parseInt(get('k') || '3', 10);
      const basis = get('basis')
        .split(',')
        .filter((value): value is Basis => (BASES as string[]).includes(value));
      return { view: 'path', from: get('from'), to: get('to'), k: Number.isFinite(k) ? Math.min(Math.max(k, 1), 10) : 3, basis };
    }
    case 'timeline':
      return { view: 'timeline', from: get('from'), to: get('to'), entity: get('entity') };
    case 'claims':
      return { view: 'claims', measure: get('measure'), topic: get('topic'), about: get('about'), contested: get('contested') === 'true' };
    default:
      return { view: 'unknown', hash };
  }
}

/** The hash of a route (empty parameters left out). */
export function hashOf(route: Route): string {
  const query = (params: Record<string, string | number | boolean>) => {
    const kept = Object.entries(params).filter(([, value]) => value !== '' && value !== false);
    return kept.length === 0 ? '' : `?${new URLSearchParams(kept.map(([name, value]) => [name, String(value)])).toString()}`;
  };
  switch (route.view) {
    case 'overview':
      return '#/';
    case 'entity':
      return `#/entity/${encodeURIComponent(route.slug)}${query({ statement: route.statement ?? '' })}`;
    case 'path':
      return `#/path${query({ from: route.from, to: route.to, k: route.k, basis: route.basis.join(',') })}`;
    case 'timeline':
      return `#/timeline${query({ from: route.from, to: route.to, entity: route.entity })}`;
    case 'claims':
      return `#/claims${query({ measure: route.measure, topic: route.topic, about: route.about, contested: route.contested })}`;
    case 'unknown':
      return route.hash;
  }
}

import { readExamples } from '../../src/yoga.js';

/** The GraphiQL example operation whose file name starts with `prefix` (e.g. "03"). */
export function example(prefix: string): string {
  const found = readExamples().find((entry) => entry.name.startsWith(prefix));
  if (!found) throw new Error(`no example ${prefix}`);
  return found.query;
}

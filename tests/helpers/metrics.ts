/** Prometheus text exposition as a map from series (name plus labels, as printed) to value; comments skipped. */
export function metricValues(text: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const split = line.lastIndexOf(' ');
    values[line.slice(0, split)] = Number(line.slice(split + 1));
  }
  return values;
}

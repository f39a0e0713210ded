// Where a load spends its time, per loader statement, measured from the outside: the executor
// announces each statement as it starts, and the statements of one transaction run one after
// another, so the time from one announcement to the next is (about) the earlier one's duration.
import type { GraphExecutor } from '../src/graph/executor.js';

/** Total time and count of one kind of statement. */
export interface StatementTiming {
  statement: string;
  count: number;
  seconds: number;
}

/** Records statement durations until `stop()`; `split()` closes the current statement (end of a transaction). */
export class QueryTiming {
  private readonly totals = new Map<string, { count: number; ms: number }>();
  private current: { key: string; started: number } | null = null;
  private readonly unsubscribe: () => void;

  constructor(executor: GraphExecutor) {
    this.unsubscribe = executor.onQuery((cypher) => {
      this.split();
      this.current = { key: statementKey(cypher), started: performance.now() };
    });
  }

  /** Ends the statement running now (call when a transaction has committed). */
  split(): void {
    if (!this.current) return;
    const total = this.totals.get(this.current.key) ?? { count: 0, ms: 0 };
    total.count += 1;
    total.ms += performance.now() - this.current.started;
    this.totals.set(this.current.key, total);
    this.current = null;
  }

  stop(): void {
    this.split();
    this.unsubscribe();
  }

  /** Statement kinds by total time, longest first. */
  report(): StatementTiming[] {
    return [...this.totals.entries()]
      .map(([statement, { count, ms }]) => ({ statement, count, seconds: ms / 1000 }))
      .sort((a, b) => b.seconds - a.seconds);
  }
}

// The loader's statements are recognisable by their first clauses; labels and types stay in.
function statementKey(cypher: string): string {
  const words = cypher.replace(/\s+/g, ' ').trim();
  return words.length > 110 ? `${words.slice(0, 107)}...` : words;
}

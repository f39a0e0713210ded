import type { Logger } from '../logger.js';

/**
 * Whether the database is known to be down. While it is, queries fail at once instead of each
 * waiting out connection timeouts; a probe runs every second and flips it back when Neo4j answers.
 */
export class DatabaseAvailability {
  private downReason: string | null = null;
  private probe: NodeJS.Timeout | undefined;
  private closed = false;
  private checking = false;

  constructor(
    private readonly isReachable: () => Promise<boolean>,
    private readonly log?: Logger,
    private readonly probeEveryMs = 1_000,
  ) {}

  /** True unless a failure was seen and no probe has succeeded since. */
  get isUp(): boolean {
    return this.downReason === null;
  }

  /** Why the database is considered down, or null. */
  get reason(): string | null {
    return this.downReason;
  }

  /** Marks the database down and probes until it answers again. */
  reportFailure(reason: string): void {
    if (this.closed) return;
    if (this.downReason === null) this.log?.warn({ reason }, 'database marked unavailable; failing fast until it answers');
    this.downReason = reason;
    this.probe ??= setInterval(() => void this.check(), this.probeEveryMs).unref();
  }

  /** Marks the database up (a probe or a restart succeeded). */
  reportRecovered(): void {
    if (this.downReason !== null) this.log?.info('database available again');
    this.downReason = null;
    clearInterval(this.probe);
    this.probe = undefined;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      if ((await this.isReachable()) && !this.closed) this.reportRecovered();
    } finally {
      this.checking = false;
    }
  }

  /** Stops probing (the executor is closing). */
  close(): void {
    this.closed = true;
    clearInterval(this.probe);
    this.probe = undefined;
  }
}

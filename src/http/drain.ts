import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** A Node request listener; yoga's returns a promise that settles when the response is sent (nobody awaits it). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

interface Connection {
  busy: number;
  idleSince: number;
}

/**
 * Graceful drain for an HTTP server. Once draining, every response says `Connection: close`, so
 * busy keep-alive connections close themselves after their current answer; idle ones are closed
 * once they have been idle for a while (never the instant a client may be reusing them); the
 * listener stops accepting at once. Only when the grace period runs out are requests cut.
 */
export class Drain {
  private readonly connections = new Map<Socket, Connection>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, { busy: 0, idleSince: Date.now() });
      socket.once('close', () => this.connections.delete(socket));
    });
  }

  /** True once drain() has begun. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** Wraps the request listener: counts busy connections and asks for `Connection: close` while draining. */
  listener(handle: RequestHandler): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      const connection = this.connections.get(req.socket);
      if (connection) connection.busy += 1;
      res.once('close', () => {
        if (!connection) return;
        connection.busy -= 1;
        connection.idleSince = Date.now();
      });
      if (this.draining) res.setHeader('connection', 'close');
      void handle(req, res);
    };
  }

  /**
   * Stops accepting, lets requests finish within `graceMs`, then calls `cut` (which should end the
   * remaining requests quickly) and closes whatever is still open. Resolves when every connection is
   * gone and no request is still being worked on (`inFlight`: a request whose client left may still be).
   */
  async drain({
    graceMs,
    idleMs = 1_000,
    cut,
    inFlight,
  }: {
    graceMs: number;
    idleMs?: number;
    cut: () => void;
    inFlight: () => number;
  }): Promise<void> {
    this.draining = true;
    // http.Server#close would also close idle keep-alive connections at once, racing clients that are
    // just reusing them (ECONNRESET); closing only the listening socket leaves that to the sweep below.
    const listenerClosed = new Promise<void>((resolve) => NetServer.prototype.close.call(this.server, () => resolve()));
    const closed = listenerClosed.then(() => until(() => inFlight() === 0));
    const sweep = setInterval(() => this.closeIdle(idleMs), 100);
    this.closeIdle(idleMs);
    const graceOver = new Promise<'grace-over'>((resolve) => setTimeout(() => resolve('grace-over'), graceMs).unref());
    try {
      if ((await Promise.race([closed, graceOver])) === 'grace-over') {
        cut();
        await Promise.race([closed, sleep(1_000)]);
        this.server.closeAllConnections();
        // A request that ignores being cut must not hold the process: one more second, then go.
        await Promise.race([closed, sleep(1_000)]);
      }
    } finally {
      clearInterval(sweep);
    }
  }

  private closeIdle(idleMs: number): void {
    const now = Date.now();
    for (const [socket, connection] of this.connections) {
      if (connection.busy === 0 && now - connection.idleSince >= idleMs) socket.end();
    }
  }
}

/** Resolves once `done` holds, checking every 20 ms. */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (done() ? resolve() : setTimeout(check, 20).unref());
    check();
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

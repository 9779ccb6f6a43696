import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy in front of one server (the shared Postgres), so a test can cut the service's
 * connections or make the server unreachable without touching the server itself. It knows
 * nothing of the protocol: give it any URL and it proxies that URL's host and port.
 */
export class TcpProxy {
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private down = false;
  /** Connections cut by cut() or while down, over the proxy's life. */
  cuts = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    readonly target: { host: string; port: number },
  ) {}

  /** Listens on a free port of 127.0.0.1 and forwards to the host and port of `url`. */
  static async forUrl(url: string): Promise<TcpProxy> {
    const parsed = new URL(url);
    const target = { host: parsed.hostname, port: Number(parsed.port || 5432) };
    const accepting: { proxy?: TcpProxy } = {};
    const server = createServer((client) => accepting.proxy!.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address !== 'object') throw new Error('proxy did not listen');
    accepting.proxy = new TcpProxy(server, address.port, target);
    return accepting.proxy;
  }

  /** `url` with its host and port replaced by the proxy's, when they are the proxied ones. */
  rewrite(url: string): string {
    const parsed = new URL(url);
    if (parsed.hostname !== this.target.host || Number(parsed.port || 5432) !== this.target.port) return url;
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** An environment with every URL that points at the proxied server pointed at the proxy. */
  rewriteEnv(env: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(env).map(([key, value]) => [key, /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? this.rewrite(value) : value]),
    );
  }

  get open(): number {
    return this.pairs.size;
  }

  private accept(client: Socket): void {
    client.on('error', () => client.destroy());
    if (this.down) {
      this.cuts += 1;
      client.destroy();
      return;
    }
    const upstream = connect(this.target.port, this.target.host);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const drop = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Cuts every open connection at once (both ends see the socket close mid-conversation). */
  cut(): number {
    const count = this.pairs.size;
    for (const pair of [...this.pairs]) {
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
      this.pairs.delete(pair);
    }
    this.cuts += count;
    return count;
  }

  /** The server becomes unreachable: open connections are cut and new ones reset at once. */
  goDown(): void {
    this.down = true;
    this.cut();
  }

  comeBack(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.goDown();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

import http from 'node:http';

/**
 * One benchmark client's own kept-alive HTTP connection, as a browser tab has. With one shared
 * pool (global fetch) the clients of a closed loop open their connections in the instant the run
 * starts, and Node accepts one connection per event-loop turn: with the desk busy serving the
 * first few dozen customers, the others waited in the accept queue for the whole run (p99 = the
 * run's length). `open` is called just before timing starts, so each connection is in place (and
 * fresh, well within the server's keep-alive) when the run begins.
 */
export class ClientConnection {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  /** Makes sure the connection is up: one cheap request over it. */
  async open(url: string): Promise<void> {
    await this.request('GET', url);
  }

  /** POSTs a JSON body; resolves with the status and the parsed JSON answer (undefined when empty). */
  async post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
    const { status, text } = await this.request('POST', url, JSON.stringify(body), headers);
    return { status, json: text ? JSON.parse(text) : undefined };
  }

  close(): void {
    this.agent.destroy();
  }

  private request(
    method: string,
    url: string,
    payload?: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> {
    const bodyHeaders =
      payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) };
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, agent: this.agent, headers: { ...bodyHeaders, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
}

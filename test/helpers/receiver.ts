import http from 'node:http';

/** One POST a receiver got: the exact bytes and headers, the parsed body, and when. */
export interface Delivery {
  raw: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  at: number;
}

/**
 * A webhook endpoint for simulator tests. Every POST is recorded; deliveries
 * are grouped by `keyOf(body)` (a payment reference, a PaymentIntent id …).
 * `answers` gives a key the statuses to answer in turn (then 200); a key in
 * `hangOnce` gets no answer, once.
 */
export class WebhookReceiver {
  readonly received: Delivery[] = [];
  readonly answers = new Map<string, number[]>();
  readonly hangOnce = new Set<string>();
  url = '';
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw);
      this.received.push({ raw, headers: req.headers, body, at: Date.now() });
      const key = this.keyOf(body);
      if (this.hangOnce.delete(key)) return;
      res.writeHead(this.answers.get(key)?.shift() ?? 200, { 'content-type': 'text/plain' }).end('ok');
    });
  });

  constructor(
    private readonly path: string,
    private readonly keyOf: (body: any) => string,
  ) {}

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${this.path}`;
  }

  /** The deliveries whose body has this key, oldest first. */
  for(key: string): Delivery[] {
    return this.received.filter((d) => this.keyOf(d.body) === key);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

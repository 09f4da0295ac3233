/** The complete events at the start of `buf` (blank-line terminated), and what is left of it. */
export function takeEvents(buf: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
  let end: number;
  while ((end = buf.indexOf('\n\n')) >= 0) {
    const block = buf.slice(0, end);
    buf = buf.slice(end + 2);
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest: buf };
}

/**
 * Server-Sent Events read with fetch, so the request can carry an Authorization header (EventSource
 * cannot): calls `onEvent` for each event, reconnects after `retryMs` when the stream ends or fails,
 * until the returned function is called.
 */
export function readEvents(
  url: string,
  headers: () => Record<string, string>,
  onEvent: (event: string, data: string) => void,
  opts: { retryMs?: number; onState?: (s: 'open' | 'retrying' | 'closed') => void } = {},
): () => void {
  const abort = new AbortController();
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      try {
        const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers() }, signal: abort.signal });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        opts.onState?.('open');
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const { events, rest } = takeEvents(buf + value);
          buf = rest;
          for (const e of events) onEvent(e.event, e.data);
        }
      } catch {
        if (stopped) return;
      }
      if (stopped) return;
      opts.onState?.('retrying');
      await new Promise((r) => setTimeout(r, opts.retryMs ?? 2000));
    }
  };
  void run();
  return () => {
    stopped = true;
    abort.abort();
    opts.onState?.('closed');
  };
}

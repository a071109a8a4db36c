// The hub's live stream (`/api/stream`, text/event-stream) read with fetch(), because an
// EventSource can't send the Authorization header and the admin token is never a cookie. Parses
// the stream as the HTML spec does (event/data/retry fields, comments, CR/LF/CRLF line ends) and
// reconnects after a drop, as EventSource would; a 401/403 ends it for good.

export interface StreamEvent {
  event: string;
  data: string;
}

/** Incremental parser: feed it decoded text as it arrives, get the complete events back. */
export function eventStreamParser() {
  let buffer = '';
  let skipLf = false; // the last chunk ended with CR: a leading LF in the next one is the same line break
  let event = '';
  let data: string[] = [];
  let retry: number | null = null;

  function line(text: string, out: StreamEvent[]) {
    if (text === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
  }

  return {
    push(chunk: string): StreamEvent[] {
      const out: StreamEvent[] = [];
      let text = chunk;
      if (skipLf && text.startsWith('\n')) text = text.slice(1);
      skipLf = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        line(buffer.slice(start, i), out);
        if (c === '\r') {
          if (i + 1 === buffer.length) skipLf = true;
          else if (buffer[i + 1] === '\n') i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      return out;
    },
    /** The server's `retry:` in ms, once it sent one. */
    retryMs: () => retry,
  };
}

export interface StreamHandlers {
  onEvent: (event: StreamEvent) => void;
  /** Each time a connection is up; `reconnected` after a drop, when changes may have been missed. */
  onOpen: (info: { reconnected: boolean }) => void;
  /** The hub refused the token (401/403): no more reconnects. */
  onDenied: () => void;
  /** Wait before reconnecting until the server says otherwise (`retry:`). */
  retryMs?: number;
}

/** Opens the stream with the token as a Bearer header; returns close(). */
export function openEventStream(url: string, token: string, handlers: StreamHandlers): () => void {
  let closed = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = handlers.retryMs ?? 2000;
  let connections = 0;

  async function connect() {
    timer = null;
    controller = new AbortController();
    const parser = eventStreamParser();
    try {
      const response = await fetch(url, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
        credentials: 'omit',
        signal: controller.signal,
      });
      if (response.status === 401 || response.status === 403) {
        closed = true;
        handlers.onDenied();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`stream answered HTTP ${response.status}`);
      handlers.onOpen({ reconnected: connections++ > 0 });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.push(value)) handlers.onEvent(event);
        retryMs = parser.retryMs() ?? retryMs;
      }
    } catch {
      // The hub stopped or the network dropped; an abort from close() ends here too.
    }
    if (!closed) timer = setTimeout(() => void connect(), retryMs);
  }

  void connect();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };
}

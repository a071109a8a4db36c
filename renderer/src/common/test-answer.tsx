// What a "send now" button shows: the answer of whoever was sent to (a partner for Send test,
// head office for Send heartbeat now), and the state of the one request it makes at a time.
import { useState } from 'react';
import type { TestResult } from '../../../shared/api.ts';
import { errorText, formatLatency } from './format.ts';

interface TestAnswerProps {
  result: TestResult;
  /** Who answered, as the sentence names it: "Partner", "Head office". */
  speaker: string;
  title: { ok: string; failed: string };
  /** The address tested, named after the title. */
  to?: string;
  /** How the answer's sentence ends ('.' after a title that names the address). */
  end?: string;
}

export function TestAnswer({ result, speaker, title, to, end = '' }: TestAnswerProps) {
  const headline = result.ok
    ? `${speaker} answered ${result.status} in ${formatLatency(result.latencyMs)}${end}`
    : result.error ?? `${speaker} answered ${result.status ?? 'nothing'}${end}`;
  return (
    <div className={`test-result ${result.ok ? 'ok' : 'bad'}`}>
      <p>
        <strong>{result.ok ? title.ok : title.failed}</strong>
        {to !== undefined && <> to <code>{to}</code>.</>} {headline}
        {!result.ok && result.status !== null && ` (HTTP ${result.status}, ${formatLatency(result.latencyMs)})`}
      </p>
      {result.body && <pre className="response-body" tabIndex={0} aria-label={`${speaker}'s answer`}>{result.body}</pre>}
    </div>
  );
}

/** One request at a time: busy while it runs, then its answer or why it could not be sent. */
export function useSendNow(request: () => Promise<TestResult>, onSent?: () => void) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [failure, setFailure] = useState('');
  const clear = () => {
    setResult(null);
    setFailure('');
  };
  const send = async () => {
    setBusy(true);
    clear();
    try {
      setResult(await request());
      onSent?.();
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, result, failure, send, clear };
}

// "Send heartbeat now": the hub posts a heartbeat straight to the saved URL and we show head
// office's answer, as Send test does for a partner's hook.
import { useState } from 'react';
import type { TestResult } from '../../../shared/api.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText, formatLatency } from '../common/format.ts';

function Answer({ result }: { result: TestResult }) {
  const headline = result.ok
    ? `Head office answered ${result.status} in ${formatLatency(result.latencyMs)}`
    : result.error ?? `Head office answered ${result.status ?? 'nothing'}`;
  return (
    <div className={`test-result ${result.ok ? 'ok' : 'bad'}`}>
      <p>
        <strong>{result.ok ? 'Heartbeat delivered.' : 'Heartbeat failed.'}</strong> {headline}
        {!result.ok && result.status !== null && ` (HTTP ${result.status}, ${formatLatency(result.latencyMs)})`}
      </p>
      {result.body && <pre className="response-body">{result.body}</pre>}
    </div>
  );
}

export function SendHeartbeat({ unsaved, onSent }: { unsaved: boolean; onSent: () => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [failure, setFailure] = useState('');
  const send = async () => {
    setBusy(true);
    setFailure('');
    setResult(null);
    try {
      setResult(await client.sendHeartbeatNow());
      onSent();
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="send-heartbeat">
      <button type="button" onClick={() => void send()} disabled={busy}>
        {busy ? 'Sending…' : 'Send heartbeat now'}
      </button>
      <div role="status" aria-live="polite">
        {unsaved && (result || failure) && <p className="help">This used the saved URL; save to try your changes.</p>}
        {result && <Answer result={result} />}
        {failure && <p className="field-error">Could not send the heartbeat: {failure}</p>}
      </div>
    </div>
  );
}

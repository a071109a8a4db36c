// "Send test" for one hook: the hub posts a sample order to the saved URL and we show the answer.
import { useState } from 'react';
import type { TestResult } from '../../../shared/api.ts';
import { HOOK_LABELS, type Hook } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText, formatLatency } from '../common/format.ts';

function Outcome({ result }: { result: TestResult }) {
  const headline = result.ok
    ? `Partner answered ${result.status} in ${formatLatency(result.latencyMs)}`
    : result.error ?? `Partner answered ${result.status ?? 'nothing'}`;
  return (
    <div className={`test-result ${result.ok ? 'ok' : 'bad'}`}>
      <p>
        <strong>{result.ok ? 'Test delivered.' : 'Test failed.'}</strong> {headline}
        {!result.ok && result.status !== null && ` (HTTP ${result.status}, ${formatLatency(result.latencyMs)})`}
      </p>
      {result.body && <pre className="response-body">{result.body}</pre>}
    </div>
  );
}

export function SendTest({ hook, unsaved }: { hook: Hook; unsaved: boolean }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [failure, setFailure] = useState('');
  const send = async () => {
    setBusy(true);
    setFailure('');
    setResult(null);
    try {
      setResult(await client.sendTest(hook));
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="send-test">
      <button type="button" onClick={() => void send()} disabled={busy} aria-label={`Send test to ${HOOK_LABELS[hook]}`}>
        {busy ? 'Sending…' : 'Send test'}
      </button>
      <div role="status" aria-live="polite">
        {unsaved && (result || failure) && <p className="help">This tested the saved URL; save to test your changes.</p>}
        {result && <Outcome result={result} />}
        {failure && <p className="field-error">Could not send the test: {failure}</p>}
      </div>
    </div>
  );
}

// "Send test" for one hook of one partner: the hub posts a sample order to the *saved* URL, so the button waits
// for Save while the field holds another address, the result names the address tested, and an old
// result goes away as soon as the URL is edited (it would sit next to an address never tested).
import { useEffect, useId, useState } from 'react';
import type { TestResult } from '../../../shared/api.ts';
import { HOOK_LABELS, type Hook } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText, formatLatency } from '../common/format.ts';

function Outcome({ result }: { result: TestResult }) {
  const headline = result.ok
    ? `Partner answered ${result.status} in ${formatLatency(result.latencyMs)}.`
    : result.error ?? `Partner answered ${result.status ?? 'nothing'}.`;
  return (
    <div className={`test-result ${result.ok ? 'ok' : 'bad'}`}>
      <p>
        <strong>{result.ok ? 'Test delivered' : 'Test failed'}</strong> to <code>{result.url}</code>. {headline}
        {!result.ok && result.status !== null && ` (HTTP ${result.status}, ${formatLatency(result.latencyMs)})`}
      </p>
      {result.body && <pre className="response-body" tabIndex={0} aria-label="Partner's answer">{result.body}</pre>}
    </div>
  );
}

/** Why the button is off, or null when it can test. */
function blocked(url: string, savedUrl: string): string | null {
  if (savedUrl === '') return 'Enter a URL and save to test it';
  return url.trim() === savedUrl ? null : 'Save to test this address';
}

export function SendTest({ partnerId, hook, url, savedUrl }: { partnerId: string | null; hook: Hook; url: string; savedUrl: string }) {
  const client = useClient();
  const reasonId = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [failure, setFailure] = useState('');
  useEffect(() => {
    setResult(null);
    setFailure('');
  }, [url]);
  // A partner being added has nothing saved to test yet: its page offers Send test once it exists.
  if (partnerId === null) return null;
  const reason = blocked(url, savedUrl);
  const send = async () => {
    setBusy(true);
    setFailure('');
    setResult(null);
    try {
      setResult(await client.sendPartnerTest(partnerId, hook));
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="send-test">
      <button type="button" onClick={() => void send()} disabled={busy || reason !== null} aria-label={`Send test to ${HOOK_LABELS[hook]}`} aria-describedby={reason ? reasonId : undefined}>
        {busy ? 'Sending…' : 'Send test'}
      </button>
      {reason && (
        <span id={reasonId} className="send-test-reason">
          {reason}
        </span>
      )}
      <div role="status" aria-live="polite">
        {result && <Outcome result={result} />}
        {failure && <p className="field-error">Could not send the test: {failure}</p>}
      </div>
    </div>
  );
}

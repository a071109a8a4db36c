// "Send test" for one hook of one partner: the hub posts a sample order to the *saved* URL, so the button waits
// for Save while the field holds another address, the result names the address tested, and an old
// result goes away as soon as the URL is edited (it would sit next to an address never tested).
import { useEffect, useId } from 'react';
import { HOOK_LABELS, type Hook } from '../../../shared/settings.ts';
import { useClient } from '../client/client-context.tsx';
import { TestAnswer, useSendNow } from '../common/test-answer.tsx';

/** Why the button is off, or null when it can test. */
function blocked(url: string, savedUrl: string): string | null {
  if (savedUrl === '') return 'Enter a URL and save to test it';
  return url.trim() === savedUrl ? null : 'Save to test this address';
}

export function SendTest({ partnerId, hook, url, savedUrl }: { partnerId: string | null; hook: Hook; url: string; savedUrl: string }) {
  const client = useClient();
  const reasonId = useId();
  const { busy, result, failure, send, clear } = useSendNow(() => client.sendPartnerTest(partnerId!, hook));
  useEffect(clear, [url]);
  // A partner being added has nothing saved to test yet: its page offers Send test once it exists.
  if (partnerId === null) return null;
  const reason = blocked(url, savedUrl);
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
        {result && <TestAnswer result={result} speaker="Partner" title={{ ok: 'Test delivered', failed: 'Test failed' }} to={result.url} end="." />}
        {failure && <p className="field-error">Could not send the test: {failure}</p>}
      </div>
    </div>
  );
}

// "Next check at 10:35:12 · Check now": while a partner does not answer, the hub probes it one
// request at a time on a growing backoff; Check now sends that probe at once (checkEndpoint).
import { useState } from 'react';
import type { EndpointHealth } from '../../../shared/api.ts';
import { useClient } from '../client/client-context.tsx';
import { errorText, formatTime } from '../common/format.ts';

/** `label` starts with the button's visible words ("Check now: Loyalty Co"), as voice control expects. */
export function CheckNow({ endpoints, label }: { endpoints: EndpointHealth[]; label: string }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const next = endpoints.map((endpoint) => endpoint.nextProbeAt).filter((at): at is string => at !== null).sort()[0];
  const check = async () => {
    setBusy(true);
    setMessage('');
    try {
      await Promise.all(endpoints.map((endpoint) => client.checkEndpoint(endpoint.partnerId, endpoint.hook)));
      setMessage('Checking now: the waiting orders go as soon as the partner answers.');
    } catch (error) {
      setMessage(`Could not check: ${errorText(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="check-now">
      {next && <span>Next check at {formatTime(next)}.</span>}{' '}
      <button type="button" onClick={() => void check()} disabled={busy} aria-label={label}>
        {busy ? 'Checking…' : 'Check now'}
      </button>
      <span role="status" className="check-now-note">{message}</span>
    </span>
  );
}

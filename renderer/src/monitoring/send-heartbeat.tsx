// "Send heartbeat now": the hub posts a heartbeat straight to the saved URL and we show head
// office's answer, as Send test does for a partner's hook.
import { useClient } from '../client/client-context.tsx';
import { TestAnswer, useSendNow } from '../common/test-answer.tsx';

export function SendHeartbeat({ unsaved, onSent }: { unsaved: boolean; onSent: () => void }) {
  const client = useClient();
  const { busy, result, failure, send } = useSendNow(() => client.sendHeartbeatNow(), onSent);
  return (
    <div className="send-heartbeat">
      <button type="button" onClick={() => void send()} disabled={busy}>
        {busy ? 'Sending…' : 'Send heartbeat now'}
      </button>
      <div role="status" aria-live="polite">
        {unsaved && (result || failure) && <p className="help">This used the saved URL; save to try your changes.</p>}
        {result && <TestAnswer result={result} speaker="Head office" title={{ ok: 'Heartbeat delivered.', failed: 'Heartbeat failed.' }} />}
        {failure && <p className="field-error">Could not send the heartbeat: {failure}</p>}
      </div>
    </div>
  );
}

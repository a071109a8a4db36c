// "POS connection": where the POS sends events and the token it must send, shown masked, with
// Show / Copy / Regenerate (regenerating locks the POS out until staff enter the new token).
import { useEffect, useState } from 'react';
import type { ConnectionInfo } from '../../../shared/api.ts';
import { useClient } from '../client/client-context.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { CopyButton } from '../common/copy-button.tsx';
import { errorText } from '../common/format.ts';

export function ConnectionPanel() {
  const client = useClient();
  const [info, setInfo] = useState<ConnectionInfo | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    client.getConnection().then(setInfo, (error: unknown) => setMessage(`Could not load the POS connection: ${errorText(error)}`));
  }, [client]);

  const act = async (action: () => Promise<{ value: string }>, done: string) => {
    setMessage('');
    try {
      setToken((await action()).value);
      if (done) setMessage(done);
    } catch (error) {
      setMessage(errorText(error));
    }
  };
  const regenerate = () => {
    setConfirming(false);
    void act(() => client.regeneratePosToken(), 'New POS token made. Enter it in the POS now: the old one no longer works.').then(() => client.getConnection().then(setInfo, () => {}));
  };

  return (
    <section className="panel" aria-labelledby="connection-title">
      <h2 id="connection-title">POS connection</h2>
      <p className="help">Enter these in the POS so it can send its check events to this hub.</p>
      <dl className="facts">
        <dt>Ingest URL</dt>
        <dd>
          {info ? (info.ingestUrls.length > 0 ? info.ingestUrls.map((url) => <code key={url} className="block">{url}</code>) : 'Not listening') : '…'}
        </dd>
        <dt>POS token</dt>
        <dd>
          <code className="secret">{token ?? info?.posTokenMasked ?? '…'}</code>
          <span className="button-row">
            {token ? (
              <button type="button" onClick={() => setToken(null)}>Hide</button>
            ) : (
              <button type="button" onClick={() => void act(() => client.revealPosToken(), '')}>Show</button>
            )}
            <CopyButton label="Copy token" getText={async () => token ?? (await client.revealPosToken()).value} />
            <button type="button" onClick={() => setConfirming(true)}>Regenerate token</button>
          </span>
        </dd>
        {info && (
          <>
            <dt>Hub version</dt>
            <dd>{info.version}</dd>
          </>
        )}
      </dl>
      <p role="status" className="panel-status">{message}</p>
      {confirming && (
        <ConfirmDialog title="Regenerate the POS token?" confirmLabel="Regenerate now" onConfirm={regenerate} onCancel={() => setConfirming(false)}>
          <p>The POS will be refused until you enter the new token in it. Events it cannot send wait in the POS, nothing is lost.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

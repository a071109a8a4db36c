// "POS connection": the address the POS must send its events to (the LAN one; 127.0.0.1 works only
// from this PC), how it sends the token, the event format, when it last sent one, and the token — masked, with
// Show / Copy / Regenerate (regenerating locks the POS out until staff enter the new token).
import { useEffect, useState } from 'react';
import type { ConnectionInfo } from '../../../shared/api.ts';
import { useClient } from '../client/client-context.tsx';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { CopyButton } from '../common/copy-button.tsx';
import { errorText, formatTime } from '../common/format.ts';
import { EVENT_FORMAT_URL } from './event-format.ts';

const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]/;

export function splitIngestUrls(urls: string[]): { lan: string[]; local: string[] } {
  return { lan: urls.filter((url) => !LOOPBACK.test(url)), local: urls.filter((url) => LOOPBACK.test(url)) };
}

function IngestUrls({ info }: { info: ConnectionInfo | null }) {
  if (!info) return (<><dt>Ingest URL for the POS</dt><dd>…</dd></>);
  const { lan, local } = splitIngestUrls(info.ingestUrls);
  return (
    <>
      <dt>Ingest URL for the POS</dt>
      <dd>
        {lan.length > 0 ? (
          <>
            {lan.map((url) => <code key={url} className="block">{url}</code>)}
            {lan[0] && <CopyButton label="Copy ingest URL" getText={() => lan[0] ?? ''} />}
            {lan.length > 1 && <span className="help">This PC has several network addresses: use the one on the POS's network.</span>}
          </>
        ) : (
          <span className="warning">The hub listens on this PC only, so the POS can't reach it. Start it without <code>--ingest-host 127.0.0.1</code> to listen on the network.</span>
        )}
      </dd>
      {local.length > 0 && (
        <>
          <dt>Only from this PC</dt>
          <dd>{local.map((url) => <code key={url} className="block">{url}</code>)}</dd>
        </>
      )}
    </>
  );
}

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
        <IngestUrls info={info} />
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
          <span className="help">
            The POS sends it in a request header: <code>Authorization: Bearer &lt;token&gt;</code>
          </span>
        </dd>
        <dt>Event format</dt>
        <dd>
          <span className="help">
            <code>POST</code> JSON, one event or <code>{'{"events": […]}'}</code>: see the <a href={EVENT_FORMAT_URL} target="_blank" rel="noreferrer">event format (JSON Schema)</a> and the README's "For POS integrators" section.
          </span>
        </dd>
        {info && (
          <>
            <dt>Last event from the POS</dt>
            <dd>{info.lastEventAt ? formatTime(info.lastEventAt) : 'Never: the POS has not sent an event to this hub yet'}</dd>
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

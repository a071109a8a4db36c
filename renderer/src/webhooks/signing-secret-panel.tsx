// A signing secret (Standard Webhooks `whsec_…`) — a partner's, or head office's on the Monitoring
// page: masked, Copy, Generate/Rotate. A new secret is shown once in full; after a rotation the old
// one keeps signing for 24 h so the receiver can switch. The page hands it its own reveal and rotate.
import { useState } from 'react';
import type { Revealed } from '../../../shared/api.ts';
import type { SettingsView } from '../../../shared/settings.ts';
import { maskSecret } from '../../../shared/mask.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { CopyButton } from '../common/copy-button.tsx';
import { errorText, formatTime } from '../common/format.ts';

export interface SigningSecretPanelProps {
  view: Pick<SettingsView, 'signingSecret' | 'signingSecretRotatedAt'>;
  reveal: () => Promise<Revealed>;
  rotate: () => Promise<Revealed>;
  /** Who checks the signatures: "the partner", "head office". */
  receiver?: string;
}

export function SigningSecretPanel({ view, reveal, rotate: rotateSecret, receiver = 'the partner' }: SigningSecretPanelProps) {
  const [masked, setMasked] = useState(view.signingSecret);
  const [fresh, setFresh] = useState<{ value: string; rotated: boolean } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState('');
  const exists = masked !== null && masked !== '';

  const rotate = async () => {
    setConfirming(false);
    setMessage('');
    try {
      const { value } = await rotateSecret();
      setFresh({ value, rotated: exists });
      setMasked(maskSecret(value));
    } catch (error) {
      setMessage(`Could not make a new secret: ${errorText(error)}`);
    }
  };

  return (
    <section className="panel" aria-labelledby="signing-title">
      <h2 id="signing-title">Signing secret</h2>
      <p className="help">Optional. When set, every webhook carries a webhook-signature {receiver} can check (Standard Webhooks).</p>
      <dl className="facts">
        <dt>Secret</dt>
        <dd>
          {exists ? <code className="secret">{masked}</code> : <span>Not set: webhooks are not signed.</span>}
          <span className="button-row">
            {exists && <CopyButton label="Copy secret" getText={async () => (await reveal()).value} />}
            <button type="button" onClick={() => (exists ? setConfirming(true) : void rotate())}>{exists ? 'Rotate secret' : 'Generate secret'}</button>
          </span>
        </dd>
        {view.signingSecretRotatedAt && !fresh && (
          <>
            <dt>Last rotated</dt>
            <dd>{formatTime(view.signingSecretRotatedAt)}</dd>
          </>
        )}
      </dl>
      {fresh && (
        <div className="new-secret" role="status">
          <p>New secret, shown this once. Give it to {receiver}:</p>
          <code className="block">{fresh.value}</code>
          <CopyButton label="Copy new secret" getText={() => fresh.value} />
          {fresh.rotated && <p className="help">The old secret keeps working for 24 hours (webhooks carry both signatures), so {receiver} can switch over.</p>}
        </div>
      )}
      <p role="status" className="panel-status">{message}</p>
      {confirming && (
        <ConfirmDialog title="Rotate the signing secret?" confirmLabel="Rotate now" onConfirm={() => void rotate()} onCancel={() => setConfirming(false)}>
          <p>A new secret is made now. Give the new secret to {receiver}: webhooks carry both the new and the old signature for 24 hours, then only the new one, and the check fails from then on unless {receiver} has the new secret.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

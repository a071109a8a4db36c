// How sending to head office goes: answering or not, what waits, the last delivery and the next
// heartbeat, and this hub's id (how head office tells its stores apart).
import type { MonitoringView } from '../../../shared/monitoring.ts';
import { formatTime, plural } from '../common/format.ts';

const STATE_WORDS: Record<MonitoringView['status']['state'], string> = {
  off: 'Off: no heartbeat URL is saved.',
  up: 'Head office is answering.',
  'backing-off': 'Head office is not answering; retrying on a back-off. Nothing is lost meanwhile.',
  rejecting: 'Head office answers but refuses what we send (check the URL and the API key).',
};

export function HeadOfficeStatus({ view }: { view: MonitoringView }) {
  const { status } = view;
  const { alerts, heartbeats } = status.waiting;
  return (
    <section className="panel" aria-labelledby="head-office-title">
      <h2 id="head-office-title">Head office</h2>
      <p className={status.state === 'up' || status.state === 'off' ? 'help' : 'warning'} role="status">{STATE_WORDS[status.state]}</p>
      {status.state !== 'off' && status.state !== 'up' && status.lastError && <p className="help">Last answer: {status.lastError}</p>}
      <dl className="facts">
        <dt>Hub id</dt>
        <dd><code className="secret">{view.hubId}</code></dd>
        <dt>Last delivered</dt>
        <dd>{formatTime(status.lastDeliveredAt)}</dd>
        <dt>Waiting</dt>
        <dd>{alerts + heartbeats === 0 ? 'Nothing' : [heartbeats > 0 ? plural(heartbeats, 'heartbeat') : '', alerts > 0 ? plural(alerts, 'alert') : ''].filter(Boolean).join(', ')}</dd>
        {status.nextHeartbeatAt && (
          <>
            <dt>Next heartbeat</dt>
            <dd>{formatTime(status.nextHeartbeatAt)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

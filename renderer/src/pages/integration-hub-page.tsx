// Integration Hub: one card per integration: the Order webhook, and Monitoring for head office.
import { Breadcrumbs } from '../common/breadcrumbs.tsx';
import { HREF } from '../router.tsx';

export function IntegrationHubPage() {
  return (
    <main className="page">
      <Breadcrumbs trail={[{ label: 'Home', to: 'home' }, { label: 'Integration Hub' }]} />
      <h1>Integration Hub</h1>
      <div className="tiles">
        <a className="tile" href={HREF['order-webhook']}>
          <span className="tile-title">Order webhook</span>
          <span className="tile-text">Send opened, updated and closed checks to a partner's URLs.</span>
        </a>
        <a className="tile" href={HREF.monitoring}>
          <span className="tile-title">Monitoring</span>
          <span className="tile-text">Send head office a heartbeat and alerts when a partner fails.</span>
        </a>
      </div>
    </main>
  );
}

// Integration Hub: one card per integration; today only the Order webhook.
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
      </div>
    </main>
  );
}

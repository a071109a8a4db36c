// Back Office home: the hub's status at a glance (with the outage banner), then the tiles a
// manager starts from.
import { GlancePanel } from '../glance/glance-panel.tsx';
import { useStats } from '../glance/use-stats.ts';
import { HREF } from '../router.tsx';

export function HomePage() {
  const status = useStats();
  return (
    <main className="page">
      <h1>Home</h1>
      <GlancePanel {...status} compact />
      <div className="tiles">
        <a className="tile" href={HREF['integration-hub']}>
          <span className="tile-title">Integration Hub</span>
          <span className="tile-text">Connect the POS to delivery and ordering partners.</span>
        </a>
        <a className="tile" href={HREF.deliveries}>
          <span className="tile-title">Delivery log</span>
          <span className="tile-text">Every order sent to a partner, live, with retries.</span>
        </a>
      </div>
    </main>
  );
}

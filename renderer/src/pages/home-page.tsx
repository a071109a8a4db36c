// Back Office home: the tiles a manager starts from.
import { HREF } from '../router.tsx';

export function HomePage() {
  return (
    <main className="page">
      <h1>Home</h1>
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

// The Back Office shell: top bar (navigation, status badge), and the page for the current route.
import type { HubClient } from '../../shared/client.ts';
import { ClientProvider } from './client/client-context.tsx';
import { HREF, Router, type Location, type Route } from './router.tsx';
import { HomePage } from './pages/home-page.tsx';
import { IntegrationHubPage } from './pages/integration-hub-page.tsx';
import { WebhooksPage } from './webhooks/webhooks-page.tsx';
import { AddPartnerPage } from './partners/add-partner-page.tsx';
import { DeliveryLogPage } from './log/delivery-log-page.tsx';
import { MonitoringPage } from './monitoring/monitoring-page.tsx';
import { StatusBadge } from './glance/status-badge.tsx';
import { StatsProvider } from './glance/use-stats.ts';

function Page({ location }: { location: Location }) {
  switch (location.route) {
    case 'home':
      return <HomePage />;
    case 'integration-hub':
      return <IntegrationHubPage />;
    case 'order-webhook':
      return <WebhooksPage />;
    case 'partner':
      return <WebhooksPage key={location.partnerId} partnerId={location.partnerId} />;
    case 'add-partner':
      return <AddPartnerPage />;
    case 'monitoring':
      return <MonitoringPage />;
    case 'deliveries':
      // A link to another filter of the log (Show the cancelled deliveries) starts it afresh.
      return <DeliveryLogPage key={location.search} query={location.query} />;
    default:
      return (
        <main className="page">
          <h1>Page not found</h1>
          <p>
            <a href={HREF.home}>Back to Home</a>
          </p>
        </main>
      );
  }
}

const UNDER_INTEGRATION_HUB: readonly Route[] = ['order-webhook', 'partner', 'add-partner', 'monitoring'];

function NavLink({ to, current, label }: { to: keyof typeof HREF; current: Route; label: string }) {
  const active = to === current || (to === 'integration-hub' && UNDER_INTEGRATION_HUB.includes(current));
  return (
    <a href={HREF[to]} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );
}

export function App({ client }: { client: HubClient }) {
  return (
    <ClientProvider client={client}>
      <StatsProvider>
        <Router
          render={(location) => (
            <>
              <header className="top-bar">
                <span className="brand">Back Office</span>
                <nav aria-label="Main">
                  <NavLink to="home" current={location.route} label="Home" />
                  <NavLink to="integration-hub" current={location.route} label="Integration Hub" />
                  <NavLink to="deliveries" current={location.route} label="Delivery log" />
                </nav>
                <StatusBadge />
              </header>
              <Page location={location} />
            </>
          )}
        />
      </StatsProvider>
    </ClientProvider>
  );
}

// The Back Office shell: top bar (navigation, status badge), and the page for the current route.
import type { HubClient } from '../../shared/client.ts';
import { ClientProvider } from './client/client-context.tsx';
import { HREF, Router, type Route } from './router.tsx';
import { HomePage } from './pages/home-page.tsx';
import { IntegrationHubPage } from './pages/integration-hub-page.tsx';
import { WebhooksPage } from './webhooks/webhooks-page.tsx';
import { DeliveryLogPage } from './log/delivery-log-page.tsx';
import { MonitoringPage } from './monitoring/monitoring-page.tsx';
import { StatusBadge } from './glance/status-badge.tsx';
import { StatsProvider } from './glance/use-stats.ts';

function Page({ route }: { route: Route }) {
  switch (route) {
    case 'home':
      return <HomePage />;
    case 'integration-hub':
      return <IntegrationHubPage />;
    case 'order-webhook':
      return <WebhooksPage />;
    case 'monitoring':
      return <MonitoringPage />;
    case 'deliveries':
      return <DeliveryLogPage />;
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

function NavLink({ to, current, label }: { to: Exclude<Route, 'not-found'>; current: Route; label: string }) {
  const active = to === current || (to === 'integration-hub' && (current === 'order-webhook' || current === 'monitoring'));
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
          render={(route) => (
            <>
              <header className="top-bar">
                <span className="brand">Back Office</span>
                <nav aria-label="Main">
                  <NavLink to="home" current={route} label="Home" />
                  <NavLink to="integration-hub" current={route} label="Integration Hub" />
                  <NavLink to="deliveries" current={route} label="Delivery log" />
                </nav>
                <StatusBadge />
              </header>
              <Page route={route} />
            </>
          )}
        />
      </StatsProvider>
    </ClientProvider>
  );
}

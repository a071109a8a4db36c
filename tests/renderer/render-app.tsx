// Mounts a screen with a FakeClient, the way app.tsx does with the real one.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ClientProvider } from '../../renderer/src/client/client-context.tsx';
import { StatsProvider } from '../../renderer/src/glance/use-stats.ts';
import { Router } from '../../renderer/src/router.tsx';
import { FakeClient } from './fake-client.ts';

export function renderWithClient(ui: ReactNode, client = new FakeClient()) {
  const result = render(
    <ClientProvider client={client}>
      <StatsProvider>
        <Router render={() => ui} />
      </StatsProvider>
    </ClientProvider>,
  );
  return { ...result, client };
}

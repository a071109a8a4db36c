// Hands the HubClient down the tree, so screens never know (or import) which transport they have.
import { createContext, useContext, type ReactNode } from 'react';
import type { HubClient } from '../../../shared/client.ts';

const ClientContext = createContext<HubClient | null>(null);

export function ClientProvider({ client, children }: { client: HubClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): HubClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient needs a <ClientProvider>');
  return client;
}

// Entry: picks the transport (IPC in Electron, HTTP in a browser) and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { pickClient } from './client/pick-client.ts';
import './styles/base.css';
import './styles/webhooks.css';
import './styles/log.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App client={pickClient()} />
  </StrictMode>,
);

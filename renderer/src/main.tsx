// Entry: picks the transport (IPC in Electron, HTTP in a browser) and mounts the app, or the
// sign-in screen in a browser that has no admin session.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { pickClient } from './client/pick-client.ts';
import { SignInNeeded } from './client/sign-in-needed.tsx';
import './styles/base.css';
import './styles/webhooks.css';
import './styles/log.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
const client = pickClient();
createRoot(root).render(
  <StrictMode>
    {client ? <App client={client} /> : <SignInNeeded origin={window.location.origin} />}
  </StrictMode>,
);

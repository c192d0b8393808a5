// Renderer entry: picks the Host (Electron preload or browser bridge) and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { chooseHost } from './platform/choose-host';
import './styles/app.css';

// zod probes `new Function` to speed parsing up; under the CSP (no eval) that probe is a violation report.
z.config({ jitless: true });

const container = document.getElementById('root');
if (container) {
  const host = chooseHost(window);
  const root = createRoot(container);
  if ('problem' in host) {
    root.render(
      <main className="fatal">
        <h1>Batch Studio cannot start</h1>
        <p>{host.problem}</p>
      </main>,
    );
  } else {
    root.render(
      <StrictMode>
        <App host={host} />
      </StrictMode>,
    );
  }
}

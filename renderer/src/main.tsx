import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createWebClient } from './api/web-client';

// In the desktop app the preload has put the API on window; in a browser it is the web host's.
window.sincro ??= createWebClient();

function App() {
  return <main>Sincro</main>;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

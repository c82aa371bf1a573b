import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/editor.css';
import './styles/screens.css';
import { createWebClient } from './api/web-client';
import { App } from './App';

// In the desktop app the preload has put the API on window; in a browser it is the web host's.
window.sincro ??= createWebClient();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// electron-vite's module types for main: `?asset` imports (the icon) and ELECTRON_RENDERER_URL.
/// <reference types="electron-vite/node" />

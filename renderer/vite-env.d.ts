// Vite's client types (asset and `?worker` imports) for the renderer.
/// <reference types="vite/client" />

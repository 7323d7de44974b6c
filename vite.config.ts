import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // Only VITE_-prefixed variables reach the bundle; the server's credentials never do.
  envPrefix: "VITE_",
  server: {
    proxy: { "/api": "http://localhost:3000", "/auth": "http://localhost:3000" },
  },
  build: {
    outDir: "dist",
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});

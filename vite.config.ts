import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./scripts/precompress.mjs";

export default defineConfig({
  plugins: [react(), precompress()],
  resolve: {
    alias: {
      "react-markdown": fileURLToPath(new URL("src/app/stubs/react-markdown.tsx", import.meta.url)),
      "remark-gfm": fileURLToPath(new URL("src/app/stubs/remark-gfm.ts", import.meta.url)),
    },
  },
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

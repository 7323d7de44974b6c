// The standalone server compiled for plain Node: `src/server/start.ts` into dist-server/start.js
// (ESM). `import.meta.glob` in src/server/integrations.ts is expanded here, so every integration's
// server.ts is bundled in; every package from node_modules stays an import (installed beside it).
//   vite build -c vite.server.config.ts      (scripts/start.mjs runs it when the build is stale)
import { isBuiltin } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export const SERVER_DIR = "dist-server";

const isBare = (id: string) => !(id.startsWith("\0") || id.startsWith(".") || id.startsWith("/") || /^[A-Za-z]:[\\/]/.test(id));

export default defineConfig({
  // Only VITE_-prefixed variables could be inlined, and none is used: the server reads process.env at run time.
  envPrefix: "VITE_",
  publicDir: false,
  build: {
    outDir: SERVER_DIR,
    emptyOutDir: true,
    target: "node20",
    minify: false,
    sourcemap: true,
    ssr: fileURLToPath(new URL("src/server/start.ts", import.meta.url)),
    rolldownOptions: {
      external: (id) => isBuiltin(id) || isBare(id),
      output: { format: "es", entryFileNames: "start.js", chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
  ssr: { target: "node", noExternal: [] },
});

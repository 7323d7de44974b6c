// The library build: `usage-console/client` (the browser entry for a Refine host) and
// `usage-console/server` (the Fastify plugin), both ESM, into dist-lib/. `npm run build:lib` runs
// both and the declarations (scripts/build-lib.mjs); one alone:
//   LIB_ENTRY=client vite build -c vite.lib.config.ts    (or LIB_ENTRY=server)
// (An environment variable, not --mode: a mode other than "production" gives React's development
// JSX runtime.)
//
// Every bare import stays an import: React, antd, Refine, react-router and react-query are the
// host's (peer dependencies; one copy of each, or React's hooks and Refine's contexts break), and
// the rest (fastify, kysely, better-sqlite3, pg, zod, dayjs, axios…) are the package's dependencies,
// installed beside it. Only the project's own code is bundled.
import { isBuiltin } from "node:module";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type UserConfig } from "vite";

export const LIB_DIR = "dist-lib";

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** A bare specifier (`react`, `@refinedev/core/foo`, `node:fs`) is someone else's module; a relative or absolute path is ours. */
export function isExternal(id: string): boolean {
  if (id.startsWith("\0") || id.startsWith(".") || id.startsWith("/") || /^[A-Za-z]:[\\/]/.test(id)) return false;
  return true;
}

const client: UserConfig = {
  plugins: [react()],
  // Only VITE_-prefixed variables could reach the bundle, and none is used: no credential can.
  envPrefix: "VITE_",
  build: {
    outDir: LIB_DIR,
    emptyOutDir: false,
    target: "es2022",
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    lib: { entry: entry("src/lib/client.tsx"), formats: ["es"], fileName: () => "client.js" },
    rolldownOptions: {
      external: isExternal,
      // The lazy pages stay separate chunks: a host loads a page's code when it is opened.
      output: { chunkFileNames: "client/[name]-[hash].js" },
    },
  },
};

const server: UserConfig = {
  build: {
    outDir: LIB_DIR,
    emptyOutDir: false,
    target: "node20",
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    ssr: entry("src/lib/server.ts"),
    rolldownOptions: {
      external: (id) => isBuiltin(id) || isExternal(id),
      output: { format: "es", entryFileNames: "server.js", chunkFileNames: "server/[name]-[hash].js" },
    },
  },
  // Every package from node_modules stays external on the server too (Vite's default for SSR,
  // said here so that a linked package is not bundled either).
  ssr: { target: "node", noExternal: [] },
};

export default defineConfig(() => {
  const which = process.env.LIB_ENTRY;
  if (which === "client") return client;
  if (which === "server") return server;
  throw new Error(`vite.lib.config.ts: set LIB_ENTRY=client or LIB_ENTRY=server, not "${which ?? ""}"`);
});

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  // `npm run dev` beside `npm run dev:server`: the API calls go to the server.
  server: { proxy: { "/api": "http://localhost:4000", "/usage-api": "http://localhost:4000" } },
  build: { outDir: "dist", chunkSizeWarningLimit: 3000 },
});

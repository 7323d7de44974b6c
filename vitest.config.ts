import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "server",
          sequence: { groupOrder: 0 },
          include: ["src/**/*.test.ts", "tests/server/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: "web",
          sequence: { groupOrder: 1 },
          include: ["src/**/*.test.tsx"],
          environment: "happy-dom",
          setupFiles: ["tests/helpers/setup-web.ts"],
          testTimeout: 20_000,
          // One copy of react-router for Refine and the tests.
          server: { deps: { inline: [/@refinedev\//] } },
        },
      },
      {
        test: {
          name: "e2e",
          // After the others: browser tests are the slowest and the heaviest on two cores.
          sequence: { groupOrder: 2 },
          include: ["tests/e2e/**/*.e2e.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // Each file starts its own server and browser; two at once fit this machine's two cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});

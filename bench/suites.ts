import type { BenchSuite } from "./lib";

/** The benchmarks `npm run bench` runs, in order: one line a suite. */
export const suites: Record<string, () => Promise<{ default: BenchSuite }>> = {
  core: () => import("./core"),
  http: () => import("./server"),
  pax8: () => import("./pax8"),
  "api-keys": () => import("./api-keys"),
  restaurants: () => import("./restaurants"),
};

/** `npm run bench -- web` or `-- server`: the suites of one half. */
export const groups: Record<string, string[]> = {
  web: ["core", "restaurants"],
  server: ["http", "pax8", "api-keys"],
};

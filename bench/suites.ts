import type { BenchSuite } from "./lib";

/** The benchmarks `npm run bench` runs, in order: one line a suite. */
export const suites: Record<string, () => Promise<{ default: BenchSuite }>> = {
  core: () => import("./core"),
  pax8: () => import("./pax8"),
  "api-keys": () => import("./api-keys"),
  restaurants: () => import("./restaurants"),
};

import { writeFileSync } from "node:fs";
import type { BenchResult } from "./lib";
import { groups, suites } from "./suites";

/**
 * Runs every suite, or those named on the command line (a suite, or a half: `web`, `server`);
 * prints a table (figure, target, the yardstick of the same run) and writes bench/results.json.
 * Options: `--quick`, `--duration=S`, `--rss-seconds=S` (bench/lib.ts).
 */
const names = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const only = new Set(names.flatMap((n) => groups[n] ?? [n]));
const results: BenchResult[] = [];
for (const [name, load] of Object.entries(suites)) {
  if (only.size && !only.has(name)) continue;
  process.stdout.write(`running ${name}…\n`);
  try {
    results.push(...(await (await load()).default()));
  } catch (error) {
    console.error(`suite ${name} failed:`, error);
    process.exitCode = 1;
  }
}

const met = (r: BenchResult) => (r.target ? (r.target.lowerIsBetter ? r.value <= r.target.value : r.value >= r.target.value) : undefined);
const rows = results.map((r) => ({
  suite: r.suite,
  measure: r.name,
  value: `${r.value} ${r.unit}`,
  target: r.target ? `${r.target.lowerIsBetter ? "≤" : "≥"} ${r.target.value} ${r.unit}` : "",
  met: { true: "yes", false: "NO", undefined: "" }[String(met(r))],
  yardstick: r.yardstick === undefined ? "" : `${r.yardstick} ${r.unit}`,
  note: r.note ?? "",
}));
console.table(rows);
const loadavg = (await import("node:os")).loadavg().map((l) => Math.round(l * 100) / 100);
writeFileSync("bench/results.json", `${JSON.stringify({ at: new Date().toISOString(), node: process.version, loadavg, results }, null, 2)}\n`);
console.log(`written to bench/results.json (load average at the end ${loadavg.join(", ")})`);
process.exit();

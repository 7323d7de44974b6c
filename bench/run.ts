import { writeFileSync } from "node:fs";
import type { BenchResult } from "./lib";
import { suites } from "./suites";

/** Runs every suite (or those named on the command line), prints a table and writes bench/results.json. */
const only = process.argv.slice(2);
const results: BenchResult[] = [];
for (const [name, load] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  process.stdout.write(`running ${name}…\n`);
  try {
    results.push(...(await (await load()).default()));
  } catch (error) {
    console.error(`suite ${name} failed:`, error);
    process.exitCode = 1;
  }
}

const rows = results.map((r) => ({
  suite: r.suite,
  measure: r.name,
  value: `${r.value} ${r.unit}`,
  target: r.target ? `${r.target.lowerIsBetter ? "≤" : "≥"} ${r.target.value} ${r.unit}` : "",
  note: r.note ?? "",
}));
console.table(rows);
writeFileSync("bench/results.json", `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`);
console.log("written to bench/results.json");
process.exit();

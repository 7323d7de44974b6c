import { performance } from "node:perf_hooks";
import type { Task } from "../src/integrations/api-keys/contract";
import { tables } from "../src/integrations/api-keys/db";
import { ingestTasks } from "../src/integrations/api-keys/ingest";
import apiKeysServer from "../src/integrations/api-keys/server";
import { startTestApp, TEST_DATABASES } from "../tests/helpers/app";
import { type BenchResult, type BenchSuite, round } from "./lib";

const suite = "api-keys";
const TASKS = 100_000;
/** What one sync reads in one /tasks page: the ingest runs page by page. */
const PAGE = 500;

function tasks(): Task[] {
  const start = Date.parse("2026-10-01T00:00:00Z");
  return Array.from({ length: TASKS }, (_, i) => {
    const single = i % 3 !== 0;
    const email_count = single ? 1 : 10 + (i % 490);
    return {
      id: `tsk_${i}`,
      user_id: `usr_${i % 100}`,
      api_key_id: `key_${i % 400}`,
      type: single ? "verify" : "batch",
      status: "completed",
      email_count,
      valid_count: email_count,
      invalid_count: 0,
      unknown_count: 0,
      created_at: new Date(start + i * 1000).toISOString(),
      completed_at: new Date(start + i * 1000 + 30_000).toISOString(),
    };
  });
}

/** Ingest of 100,000 completed tasks with their deductions, then the same tasks again (deducting nothing), on each database. */
const run: BenchSuite = async () => {
  const results: BenchResult[] = [];
  const all = tasks();
  const purposeOf = new Map(Array.from({ length: 400 }, (_, i) => [`key_${i}`, ["Zapier", "n8n", "Google Sheets", "Custom"][i % 4]]));
  for (const database of TEST_DATABASES) {
    const t = await startTestApp({ database, integrations: [apiKeysServer], env: { LOG_LEVEL: "warn" } });
    try {
      const db = tables(t.db);
      const pass = async () => {
        const began = performance.now();
        let deductions = 0;
        for (let i = 0; i < all.length; i += PAGE)
          deductions += (await ingestTasks(db, all.slice(i, i + PAGE), { purposeOf, initialCredits: 1_000_000 })).deductions;
        return { ms: performance.now() - began, deductions };
      };
      const first = await pass();
      const second = await pass();
      const ledger = await db
        .selectFrom("api_keys_credit_ledger")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("kind", "=", "deduction")
        .executeTakeFirstOrThrow();
      if (first.deductions !== TASKS || second.deductions !== 0 || Number(ledger.n) !== TASKS) {
        throw new Error(`ingest is not exactly-once: ${first.deductions} then ${second.deductions}, ledger ${ledger.n}`);
      }
      results.push({
        suite,
        name: `ingest 100,000 tasks with deduction (${database})`,
        value: round(first.ms / 1000, 2),
        unit: "s",
        note: `${round(TASKS / (first.ms / 1000), 0)} tasks/s, ${first.deductions} deductions`,
      });
      results.push({
        suite,
        name: `same 100,000 tasks again, deducting nothing (${database})`,
        value: round(second.ms / 1000, 2),
        unit: "s",
        note: `${round(TASKS / (second.ms / 1000), 0)} tasks/s, ${second.deductions} deductions`,
      });
    } finally {
      await t.close();
    }
  }
  return results;
};

export default run;

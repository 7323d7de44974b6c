import { createHash, randomBytes } from "node:crypto";
import { type APIKeySummary, PURPOSES, type Task } from "./contract";

/** The simulator's state: users, keys (only a hash of each secret) and tasks in created_at order. */
export type SimKey = Omit<APIKeySummary, "last_used_at" | "total_requests"> & { secret_hash: string; revoked: boolean };

export const SIM_USERS = ["usr_ada", "usr_grace", "usr_linus"] as const;

/** A new key's secret (shown once), its visible prefix and the hash kept in its place; `revoked` false. */
export function newKey(fields: Pick<SimKey, "id" | "user_id" | "name" | "purpose" | "created_at">) {
  const plaintext = `evk_live_${randomBytes(20).toString("hex")}`;
  const secret = { key_prefix: plaintext.slice(0, 13), secret_hash: createHash("sha256").update(plaintext).digest("hex"), revoked: false };
  return { key: { ...fields, ...secret } as SimKey, plaintext };
}

/** Splits a completed task's emails into valid / invalid / unknown, the same way each time. */
export function results(emails: number, random: () => number) {
  const valid = Math.round(emails * (0.7 + random() * 0.2));
  const invalid = Math.min(emails - valid, Math.round(emails * 0.08));
  return { valid_count: valid, invalid_count: invalid, unknown_count: emails - valid - invalid };
}

export function inRange(at: string | null, from?: string, to?: string): boolean {
  if (!at) return false;
  const t = Date.parse(at);
  return (!from || t >= Date.parse(from)) && (!to || t <= Date.parse(to));
}

/** The plan's per-key summary: `total_requests` counts the key's tasks in the range, `last_used_at` its latest. */
export function summarize(key: SimKey, tasks: readonly Task[], from?: string, to?: string): APIKeySummary {
  let total = 0;
  let last: string | null = null;
  for (const t of tasks) {
    if (t.api_key_id !== key.id) continue;
    if (!last || t.created_at > last) last = t.created_at;
    if (inRange(t.created_at, from, to)) total++;
  }
  const { secret_hash: _hash, revoked: _revoked, ...visible } = key;
  return { ...visible, last_used_at: last, total_requests: total };
}

/** Seeds a demo: every user has keys of each integration type, and about two months of tasks. */
export function seed(options: { days: number; tasksPerKeyPerDay: number; now: number; random: () => number }) {
  const { days, tasksPerKeyPerDay, now, random } = options;
  const keys: SimKey[] = [];
  const tasks: Task[] = [];
  const start = now - days * 86_400_000;
  let n = 0;
  SIM_USERS.forEach((user, u) => {
    PURPOSES.forEach((purpose, p) => {
      if ((u + p) % 3 === 2) return; // not every user uses every integration
      const name = `${purpose} ${["production", "reports", "sync"][u]}`;
      keys.push(newKey({ id: `key_${user.slice(4)}_${p}`, user_id: user, name, purpose, created_at: new Date(start - 86_400_000).toISOString() }).key);
    });
  });
  const count = Math.round(days * tasksPerKeyPerDay * keys.length);
  for (let i = 0; i < count; i++) {
    const key = keys[Math.floor(random() * keys.length)];
    const created = start + Math.floor(random() * (now - start - 60_000));
    tasks.push(makeTask(`tsk_seed_${++n}`, key, created, random, true));
  }
  tasks.sort(byCreated);
  return { keys, tasks };
}

export function makeTask(id: string, key: Pick<SimKey, "id" | "user_id">, createdMs: number, random: () => number, done: boolean): Task {
  const single = random() < 0.6;
  const email_count = single ? 1 : 10 + Math.floor(random() * 490);
  const created_at = new Date(createdMs).toISOString();
  const base = { id, user_id: key.user_id, api_key_id: key.id, type: single ? "verify" : "batch", email_count, created_at } as const;
  if (!done) return { ...base, status: "processing", valid_count: 0, invalid_count: 0, unknown_count: 0, completed_at: null };
  return { ...base, status: "completed", ...results(email_count, random), completed_at: new Date(createdMs + 30_000).toISOString() };
}

export const byCreated = (a: Task, b: Task) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1);

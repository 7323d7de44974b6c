import { z } from "zod";
import { listenSimulator, paginate, prng, SimulatorControl, simulatorApp } from "../../server/simulator-kit";
import { createApiKeyBody, rfc3339, TASKS_MAX_LIMIT, type Task } from "./contract";
import { purposeTotals } from "./mapping";
import { byCreated, inRange, makeTask, newKey, results, SIM_USERS, type SimKey, seed, summarize } from "./simulator-data";

export const SIMULATOR_APIKEYS_TOKEN = "sim-apikeys-service-token";

export class ApiKeysSimulatorControl extends SimulatorControl {
  keys: SimKey[] = [];
  tasks: Task[] = [];
  /** A new task arrives this often (0: none arrive by themselves). */
  arrivalMs = 20_000;
  /** A task completes this long after it arrives (negative: only `complete()` finishes one). */
  processingMs = 5_000;
  private nextArrival = Date.now();
  private ids = 0;
  private readonly random = prng(7);

  /** Adds a task now (tests); its fields override the generated ones. */
  addTask(fields: Partial<Task> & { api_key_id: string }): Task {
    const key = this.keys.find((k) => k.id === fields.api_key_id)!;
    const made = { ...makeTask(`tsk_${++this.ids}_${Date.now().toString(36)}`, key, Date.now(), this.random, false), ...fields };
    this.tasks.push(made);
    this.tasks.sort(byCreated);
    return made;
  }

  complete(id: string): void {
    const t = this.tasks.find((x) => x.id === id)!;
    Object.assign(t, { status: "completed", completed_at: new Date().toISOString(), ...results(t.email_count ?? 1, this.random) });
  }

  /** Lets time pass: tasks arrive and finish processing. Called before every answer. */
  advance(now = Date.now()): void {
    for (; this.arrivalMs > 0 && this.nextArrival <= now; this.nextArrival += this.arrivalMs) {
      const live = this.keys.filter((k) => !k.revoked);
      const key = live[Math.floor(this.random() * live.length)];
      if (key) this.tasks.push(makeTask(`tsk_${++this.ids}_${this.nextArrival.toString(36)}`, key, this.nextArrival, this.random, false));
    }
    for (const t of this.tasks) {
      if (this.processingMs >= 0 && t.status === "processing" && Date.parse(t.created_at) + this.processingMs <= now) this.complete(t.id);
    }
  }
}

const range = z.object({ from: rfc3339.optional(), to: rfc3339.optional(), user_id: z.string().optional() });
const taskQuery = range.extend({
  user_id: z.string().min(1),
  limit: z.coerce.number().int().min(1).max(TASKS_MAX_LIMIT).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const error = (code: string, message: string) => ({ error: code, message });

export type ApiKeysSimulatorOptions = { days?: number; tasksPerKeyPerDay?: number; arrivalMs?: number };

/** The email-verification API as the plan describes it: bearer token, keys, tasks and metrics computed from them. */
export async function startApiKeysSimulator(options: ApiKeysSimulatorOptions = {}) {
  const control = new ApiKeysSimulatorControl();
  const seeded = seed({ days: options.days ?? 60, tasksPerKeyPerDay: options.tasksPerKeyPerDay ?? 0.5, now: Date.now(), random: prng(42) });
  control.keys = seeded.keys;
  control.tasks = seeded.tasks;
  if (options.arrivalMs !== undefined) control.arrivalMs = options.arrivalMs;

  const app = simulatorApp(control, {
    errorBody: (_status, code, message) => ({ error: code, message }),
    invalidKey: { status: 401, code: "unauthorized", message: "Invalid token." },
    auth: ({ headers }) =>
      headers.authorization === `Bearer ${SIMULATOR_APIKEYS_TOKEN}` ? null : { status: 401, code: "unauthorized", message: "Missing or invalid bearer token." },
  });
  app.addHook("preHandler", async () => control.advance());
  const live = () => control.keys.filter((k) => !k.revoked);
  /** A GET whose query is checked first: a wrong one is the upstream's 400. */
  const get = <S extends z.ZodType>(url: string, schema: S, handle: (q: z.infer<S>) => unknown) =>
    app.get(url, async (request, reply) => {
      const q = schema.safeParse(request.query);
      return q.success
        ? handle(q.data)
        : reply.code(400).send(error("invalid_request", "from and to must be RFC 3339; user_id is required for tasks; limit at most 500."));
    });

  get("/api/v1/api-keys", range, (q) => ({
    keys: live()
      .filter((k) => !q.user_id || k.user_id === q.user_id)
      .map((k) => summarize(k, control.tasks, q.from, q.to))
      .filter((k) => (!q.from && !q.to) || inRange(k.last_used_at, q.from, q.to)),
  }));

  app.post("/api/v1/api-keys", async (request, reply) => {
    const body = createApiKeyBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send(error("invalid_request", "name and purpose are required."));
    const { name, purpose, user_id = SIM_USERS[0] } = body.data;
    const id = `key_${Date.now().toString(36)}_${control.keys.length}`;
    const { key, plaintext } = newKey({ id, user_id, name, purpose, created_at: new Date().toISOString() });
    control.keys.push(key);
    return reply.code(201).send({ ...summarize(key, []), plaintext });
  });

  app.delete<{ Params: { id: string } }>("/api/v1/api-keys/:id", async (request, reply) => {
    const key = live().find((k) => k.id === request.params.id);
    if (!key) return reply.code(404).send(error("not_found", "API key not found."));
    key.revoked = true;
    return reply.code(204).send();
  });

  // Per purpose: every task made with a key, grouped by the key's purpose (every purpose listed, in the plan's order).
  get("/metrics/api-usage", range, (q) => {
    const purposeOf = new Map(control.keys.map((k) => [k.id, k.purpose]));
    const used = control.tasks.filter((t) => t.api_key_id && (!q.user_id || t.user_id === q.user_id) && inRange(t.created_at, q.from, q.to));
    const rows = used.map((t) => ({ purpose: purposeOf.get(t.api_key_id!) ?? null, requests: 1, last_used_at: t.created_at }));
    return purposeTotals(rows, q);
  });

  get("/metrics/verifications", range, (q) => {
    const done = control.tasks.filter((t) => t.status === "completed" && inRange(t.created_at, q.from, q.to));
    const sum = (count: (t: Task) => number) => done.reduce((s, t) => s + count(t), 0);
    const [valid, invalid, unknown] = [sum((t) => t.valid_count), sum((t) => t.invalid_count), sum((t) => t.unknown_count)];
    return { from: q.from ?? null, to: q.to ?? null, totals: { tasks: done.length, emails: sum((t) => t.email_count ?? 1), valid, invalid, unknown } };
  });

  get("/tasks", taskQuery, (q) => {
    const mine = control.tasks.filter((t) => t.user_id === q.user_id && inRange(t.created_at, q.from, q.to));
    const { items, total } = paginate(mine, q.offset, q.limit);
    return { tasks: items, total, limit: q.limit, offset: q.offset };
  });

  app.get<{ Params: { id: string } }>("/tasks/:id", async (request, reply) => {
    const found = control.tasks.find((t) => t.id === request.params.id);
    return found ?? reply.code(404).send(error("not_found", "Task not found."));
  });

  // In demo mode the console syncs every minute unless told otherwise, so the pages have synced data.
  return listenSimulator(app, control, () => ({ APIKEYS_SERVICE_TOKEN: SIMULATOR_APIKEYS_TOKEN, APIKEYS_SYNC_INTERVAL_S: "60" }));
}

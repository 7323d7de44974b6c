import type { FastifyInstance } from "fastify";
import { PERMISSIONS } from "../../auth/permissions";
import { AppError } from "../../server/errors";
import type { IntegrationContext } from "../../server/integration";
import { UpstreamError } from "../../server/upstream/http";
import { parseInput } from "../../server/validate";
import { apiUsageQuery, type CreditsResponse, createKeyRequest, keyParams, type LedgerResponse, ledgerQuery, rangeQuery, type SyncStateResponse } from "./api";
import type { ApiKeysClient } from "./client";
import type { ApiKeysDb } from "./db";
import { snapshotRow } from "./ingest";
import { readWithFallback, syncedReads } from "./reads";
import { runSync, type SyncDeps, syncFailureReason } from "./sync";

const read = { config: { permission: PERMISSIONS.integrationRead } };
const write = { config: { permission: PERMISSIONS.integrationWrite } };

export interface RouteDeps {
  db: ApiKeysDb;
  /** The configured client, or the reason there is none. */
  client: () => ApiKeysClient;
  sync: () => SyncDeps;
}

/** The BFF routes of DESIGN.md under /api/api-keys, plus the sync state and the credits. */
export function apiKeysRoutes(app: FastifyInstance, ctx: IntegrationContext<any>, deps: RouteDeps) {
  const { db } = deps;
  const synced = syncedReads(db);
  const cacheKey = (...parts: (string | undefined)[]) => `api-keys:${parts.map((p) => p ?? "").join("|")}`;

  app.get("/api-keys/keys", read, async (request) => {
    const q = parseInput(rangeQuery, request.query, "query");
    const range = { from: q.from, to: q.to };
    return readWithFallback(
      ctx.cache,
      cacheKey("keys", q.from, q.to),
      async () => ({ keys: await deps.client().listKeys(range) }),
      async () => ({ keys: await synced.keys(range) }),
      synced.lastSyncedAt,
      q.refresh,
    );
  });

  app.post("/api-keys/keys", write, async (request, reply) => {
    const body = parseInput(createKeyRequest, request.body, "body");
    let created: Awaited<ReturnType<ReturnType<typeof deps.client>["createKey"]>>;
    try {
      created = await deps.client().createKey(body);
    } catch (error) {
      await ctx.audit.record(request, {
        action: "api_key.create",
        outcome: "failure",
        details: { name: body.name, purpose: body.purpose, reason: syncFailureReason(error) },
      });
      throw error;
    }
    const { plaintext, ...summary } = created;
    // The key exists upstream now: whatever fails here, the user must still get its plaintext once.
    try {
      await db
        .insertInto("api_keys_key_snapshots")
        .values(snapshotRow(summary, new Date().toISOString()))
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
      await ctx.audit.record(request, {
        action: "api_key.create",
        outcome: "success",
        target: summary.id,
        details: { name: summary.name, purpose: summary.purpose, key_prefix: summary.key_prefix },
      });
      await ctx.cache.invalidate("api-keys:");
    } catch (error) {
      request.log.error({ err: error, keyId: summary.id }, "key created upstream but not recorded here; the next sync records it");
    }
    // The one answer that carries the secret; it is not stored, cached or logged.
    return reply
      .code(201)
      .header("cache-control", "no-store")
      .send({ ...summary, plaintext });
  });

  app.delete("/api-keys/keys/:id", write, async (request, reply) => {
    const { id } = parseInput(keyParams, request.params, "params");
    try {
      await deps.client().revokeKey(id);
    } catch (error) {
      const unknown = error instanceof UpstreamError && error.status === 404;
      await ctx.audit.record(request, {
        action: "api_key.revoke",
        outcome: "failure",
        target: id,
        details: { reason: unknown ? "not found" : syncFailureReason(error) },
      });
      if (unknown) throw new AppError(404, "not_found", `There is no API key ${id}; it may have been revoked already.`);
      throw error;
    }
    await db.updateTable("api_keys_key_snapshots").set({ revoked_at: new Date().toISOString() }).where("id", "=", id).execute();
    await ctx.audit.record(request, { action: "api_key.revoke", outcome: "success", target: id });
    await ctx.cache.invalidate("api-keys:");
    return reply.code(204).send();
  });

  app.get("/api-keys/metrics/api-usage", read, async (request) => {
    const q = parseInput(apiUsageQuery, request.query, "query");
    const range = { from: q.from, to: q.to, user_id: q.user_id };
    return readWithFallback(
      ctx.cache,
      cacheKey("api-usage", q.from, q.to, q.user_id),
      () => deps.client().apiUsage(range),
      () => synced.apiUsage(range),
      synced.lastSyncedAt,
      q.refresh,
    );
  });

  app.get("/api-keys/metrics/verifications", read, async (request) => {
    const q = parseInput(rangeQuery, request.query, "query");
    const range = { from: q.from, to: q.to };
    return readWithFallback(
      ctx.cache,
      cacheKey("verifications", q.from, q.to),
      () => deps.client().verifications(range),
      () => synced.verifications(range),
      synced.lastSyncedAt,
      q.refresh,
    );
  });

  app.post("/api-keys/sync", write, async (request) => {
    const outcome = (await runSync(deps.sync(), "manual"))!;
    await ctx.audit.record(request, {
      action: "api_keys.sync",
      outcome: outcome.ok ? "success" : "failure",
      details: { keys: outcome.keys, tasks: outcome.tasks, deducted: outcome.deducted },
    });
    if (!outcome.ok) throw new AppError(502, "sync_failed", `${outcome.error} The last synced data is kept; try again.`);
    return outcome;
  });

  app.get("/api-keys/sync", read, async (): Promise<SyncStateResponse> => {
    const last = await db.selectFrom("api_keys_sync_runs").selectAll().orderBy("id", "desc").limit(1).executeTakeFirst();
    const keys = await db
      .selectFrom("api_keys_key_sync_state as s")
      .leftJoin("api_keys_key_snapshots as k", "k.id", "s.key_id")
      .select(["s.key_id", "k.name", "s.synced_at", "s.ok", "s.error"])
      .orderBy("s.key_id")
      .execute();
    return {
      lastRun: last
        ? {
            id: last.id,
            trigger: last.trigger,
            ok: last.ok === null ? null : last.ok === 1,
            error: last.error,
            keys: last.keys,
            tasks: last.tasks,
            deducted: last.deducted,
            startedAt: last.started_at,
            finishedAt: last.finished_at,
          }
        : null,
      lastOkAt: await synced.lastSyncedAt(),
      keys: keys.map((k) => ({ ...k, ok: k.ok === 1 })),
    };
  });

  app.get("/api-keys/credits", read, async (): Promise<CreditsResponse> => {
    const users = await db.selectFrom("user_credits").selectAll().orderBy("user_id").execute();
    return { users: users.map((u) => ({ ...u, balance: Number(u.balance), shortfall: Number(u.shortfall) })) };
  });

  app.get("/api-keys/credits/ledger", read, async (request): Promise<LedgerResponse> => {
    const q = parseInput(ledgerQuery, request.query, "query");
    let base = db.selectFrom("api_keys_credit_ledger");
    if (q.user_id) base = base.where("user_id", "=", q.user_id);
    const entries = await base.selectAll().orderBy("id", "desc").limit(q.limit).offset(q.offset).execute();
    const count = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
    return { entries: entries.map((e) => ({ ...e, kind: e.kind as "grant" | "deduction" })), total: Number(count?.n ?? 0) };
  });
}

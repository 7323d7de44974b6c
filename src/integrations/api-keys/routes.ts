import type { FastifyInstance } from "fastify";
import type { ZodType } from "zod";
import { PERMISSIONS } from "../../auth/permissions";
import { AppError } from "../../server/errors";
import type { IntegrationContext } from "../../server/integration";
import { envelope } from "../../server/read";
import { describeFailure, failureToAppError } from "../../server/upstream/failure";
import { UpstreamError } from "../../server/upstream/http";
import { parseInput } from "../../server/validate";
import { API, apiUsageQuery, createKeyRequest, keyParams, type LedgerEntry, ledgerQuery, rangeQuery, type SyncState } from "./api";
import { type ApiKeysClient, WORDS } from "./client";
import type { ApiKeysDb } from "./db";
import { storeKeySnapshots } from "./ingest";
import { readWithFallback, syncedReads } from "./reads";
import { runSync, type SyncDeps } from "./sync";

const read = { config: { permission: PERMISSIONS.integrationRead } };
const write = { config: { permission: PERMISSIONS.integrationWrite } };

export interface RouteDeps {
  db: ApiKeysDb;
  client: ApiKeysClient;
  sync: () => SyncDeps;
}

/** The BFF routes (paths in constants.ts): keys, metrics, the sync and the credits; every read answers `{data, meta}`. */
export function apiKeysRoutes(app: FastifyInstance, ctx: IntegrationContext<any>, { db, client, sync }: RouteDeps) {
  const synced = syncedReads(db);

  /** A read of the upstream through the shared cache, or of the last synced data when the upstream fails. */
  function upstreamRead<Q extends { refresh: boolean }>(path: string, schema: ZodType<Q>, live: (q: Q) => Promise<unknown>, last: (q: Q) => Promise<unknown>) {
    app.get(path, read, async (request) => {
      const q = parseInput(schema, request.query, "query");
      return readWithFallback(ctx, `api-keys:${path}|${JSON.stringify({ ...q, refresh: undefined })}`, q, live, last);
    });
  }
  upstreamRead(API.keys, rangeQuery, ({ from, to }) => client.listKeys({ from, to }), synced.keys);
  upstreamRead(API.apiUsage, apiUsageQuery, ({ refresh: _, ...q }) => client.apiUsage(q), synced.apiUsage);
  upstreamRead(API.verifications, rangeQuery, ({ from, to }) => client.verifications({ from, to }), synced.verifications);

  app.post(API.keys, write, async (request, reply) => {
    const body = parseInput(createKeyRequest, request.body, "body");
    const created = await client.createKey(body).catch(async (error) => {
      const details = { name: body.name, purpose: body.purpose, reason: describeFailure(error, WORDS) };
      await ctx.audit.record(request, { action: "api_key.create", outcome: "failure", details });
      throw error;
    });
    const { plaintext, ...summary } = created;
    // The key exists upstream now: whatever fails here, the user must still get its plaintext once.
    try {
      await storeKeySnapshots(db, [summary], true);
      const details = { name: summary.name, purpose: summary.purpose, key_prefix: summary.key_prefix };
      await ctx.audit.record(request, { action: "api_key.create", outcome: "success", target: summary.id, details });
      await ctx.cache.invalidate("api-keys:");
    } catch (error) {
      request.log.error({ err: error, keyId: summary.id }, "key created upstream but not recorded here; the next sync records it");
    }
    // The one answer that carries the secret; it is not stored, cached or logged.
    reply.code(201).header("cache-control", "no-store");
    return { ...summary, plaintext };
  });

  app.delete(API.key, write, async (request, reply) => {
    const { id } = parseInput(keyParams, request.params, "params");
    try {
      await client.revokeKey(id);
    } catch (error) {
      const unknown = error instanceof UpstreamError && error.status === 404;
      const reason = unknown ? "not found" : describeFailure(error, WORDS);
      await ctx.audit.record(request, { action: "api_key.revoke", outcome: "failure", target: id, details: { reason } });
      const words = { codes: { ...WORDS.codes, not_found: `There is no API key ${id}; it may have been revoked already.` } };
      throw error instanceof UpstreamError ? failureToAppError(error, words) : error;
    }
    await db.updateTable("api_keys_key_snapshots").set({ revoked_at: new Date().toISOString() }).where("id", "=", id).execute();
    await ctx.audit.record(request, { action: "api_key.revoke", outcome: "success", target: id });
    await ctx.cache.invalidate("api-keys:");
    return reply.code(204).send();
  });

  app.post(API.sync, write, async (request) => {
    const outcome = (await runSync(sync(), "manual"))!;
    const details = { keys: outcome.keys, tasks: outcome.tasks, deducted: outcome.deducted };
    await ctx.audit.record(request, { action: "api_keys.sync", outcome: outcome.ok ? "success" : "failure", details });
    if (!outcome.ok) throw new AppError(502, "sync_failed", `${outcome.error} The last synced data is kept.`);
    return outcome;
  });

  app.get(API.sync, read, async () => {
    const last = await db
      .selectFrom("api_keys_sync_runs")
      .select(["id", "trigger", "ok", "error", "keys", "tasks", "deducted", "started_at as startedAt", "finished_at as finishedAt"])
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    const keys = await db
      .selectFrom("api_keys_key_sync_state as s")
      .leftJoin("api_keys_key_snapshots as k", "k.id", "s.key_id")
      .select(["s.key_id", "k.name", "s.synced_at", "s.ok", "s.error"])
      .orderBy("s.key_id")
      .execute();
    const state: SyncState = {
      lastRun: last ? { ...last, ok: last.ok === null ? null : last.ok === 1 } : null,
      lastOkAt: await synced.lastSyncedAt(),
      keys: keys.map((k) => ({ ...k, ok: k.ok === 1 })),
    };
    return envelope(ctx, state, []);
  });

  app.get(API.credits, read, async () => {
    const users = await db.selectFrom("user_credits").selectAll().orderBy("user_id").execute();
    const balances = users.map((u) => ({ ...u, balance: Number(u.balance), shortfall: Number(u.shortfall) }));
    return envelope(ctx, balances, []);
  });

  app.get(API.ledger, read, async (request) => {
    const q = parseInput(ledgerQuery, request.query, "query");
    let base = db.selectFrom("api_keys_credit_ledger");
    if (q.user_id) base = base.where("user_id", "=", q.user_id);
    const entries = await base.selectAll().orderBy("id", "desc").limit(q.limit).offset(q.offset).execute();
    const count = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
    return envelope(ctx, { entries: entries as LedgerEntry[], total: Number(count?.n ?? 0) }, []);
  });
}

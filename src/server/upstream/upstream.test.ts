import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/database";
import { migrate } from "../db/migrations";
import { LAST_GOOD_RETENTION_MS, pruneLastGood, UpstreamCache } from "./cache";
import { UpstreamError, upstreamFetch } from "./http";

/** A tiny real HTTP upstream whose answers a test scripts. */
let server: FastifyInstance;
let url: string;
let script: Array<(reply: import("fastify").FastifyReply) => unknown> = [];
let hits = 0;

beforeAll(async () => {
  server = Fastify();
  server.all("/thing", async (_req, reply) => {
    hits++;
    const next = script.shift();
    return next ? next(reply) : { ok: true, n: hits };
  });
  url = `${await server.listen({ host: "127.0.0.1", port: 0 })}/thing`;
});
afterAll(() => server.close());
afterEach(() => {
  script = [];
  hits = 0;
});

describe("upstreamFetch", () => {
  it("retries a read after 503 and answers the success", async () => {
    script = [(r) => r.code(503).send({}), (r) => r.code(502).send({})];
    const res = await upstreamFetch({ upstream: "Test", url });
    expect(res.status).toBe(200);
    expect(hits).toBe(3);
  });

  it("honours Retry-After on 429", async () => {
    script = [(r) => r.code(429).header("retry-after", "1").send({})];
    const started = Date.now();
    const res = await upstreamFetch({ upstream: "Test", url });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("gives up after a bounded number of retries and answers the last status", async () => {
    script = Array.from({ length: 5 }, () => (r: import("fastify").FastifyReply) => r.code(500).send({ secret: "upstream internals" }));
    const res = await upstreamFetch({ upstream: "Test", url, retries: 2 });
    expect(res.status).toBe(500);
    expect(hits).toBe(3);
  });

  it("does not retry a write", async () => {
    script = [(r) => r.code(503).send({})];
    const res = await upstreamFetch({ upstream: "Test", url, method: "POST", body: {} });
    expect(res.status).toBe(503);
    expect(hits).toBe(1);
  });

  it("times out", async () => {
    script = [async () => new Promise((r) => setTimeout(() => r({}), 1000))];
    const error = await upstreamFetch({ upstream: "Test", url, timeoutMs: 100, retries: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ failure: "timeout", isOutage: true });
  });

  it("says when nothing listens", async () => {
    const error = await upstreamFetch({ upstream: "Test", url: "http://127.0.0.1:9/x", retries: 0 }).catch((e) => e);
    expect(error).toMatchObject({ failure: "network", message: "Test could not be reached" });
  });
});

describe("UpstreamCache", () => {
  let db: Db;
  beforeAll(async () => {
    db = createDb("sqlite::memory:");
    await migrate(db);
  });
  afterAll(() => db.destroy());

  const read = async () => (await upstreamFetch<{ n: number }>({ upstream: "Test", url, retries: 0 })).body;

  it("makes one upstream call for 200 concurrent identical reads", async () => {
    const cache = new UpstreamCache(db, 60_000);
    script = [async () => new Promise((r) => setTimeout(() => r({ n: 1 }), 50))];
    const results = await Promise.all(Array.from({ length: 200 }, () => cache.get("k1", read)));
    expect(hits).toBe(1);
    expect(new Set(results.map((r) => r.value.n))).toEqual(new Set([1]));
  });

  it("serves the fresh copy until its TTL, and Refresh bypasses it", async () => {
    const cache = new UpstreamCache(db, 60_000);
    await cache.get("k2", read);
    await cache.get("k2", read);
    expect(hits).toBe(1);
    await cache.get("k2", read, { refresh: true });
    expect(hits).toBe(2);
  });

  it("serves the last good answer from the database, marked stale, to another replica when the upstream fails", async () => {
    await new UpstreamCache(db, 60_000).get("k3", read);
    const otherReplica = new UpstreamCache(db, 60_000);
    const failing = () => Promise.reject(new UpstreamError("Test", "http", "down", 503));
    const result = await otherReplica.get("k3", failing);
    expect(result).toMatchObject({ stale: true, value: { n: 1 } });
    expect(result.error?.status).toBe(503);
  });

  it("does not hide an answer such as 404 behind a stale copy", async () => {
    const cache = new UpstreamCache(db, 0);
    await cache.get("k4", read);
    const notFound = () => Promise.reject(new UpstreamError("Test", "http", "gone", 404));
    await expect(cache.get("k4", notFound)).rejects.toMatchObject({ status: 404 });
  });

  it("forgets a key on every replica when one of them invalidates its prefix", async () => {
    const a = new UpstreamCache(db, 60_000);
    const b = new UpstreamCache(db, 60_000);
    await b.get("shared:list", read);
    await b.get("shared:list", read);
    expect(hits).toBe(1);
    await a.invalidate("shared:");
    expect((await b.get("shared:list", read)).value.n).toBe(2);
    expect(hits).toBe(2);
  });

  it("answers a read that was in flight during an invalidation, but does not keep it", async () => {
    const cache = new UpstreamCache(db, 60_000);
    script = [async () => new Promise((r) => setTimeout(() => r({ n: "before" }), 100))];
    const inFlight = cache.get("flight:x", read);
    await new Promise((r) => setTimeout(r, 20));
    await cache.invalidate("flight:");
    expect((await inFlight).value.n).toBe("before");
    expect((await cache.get("flight:x", read)).value.n).toBe(2);
  });

  it("deletes last good answers past their retention, and keeps the recent ones", async () => {
    const old = new Date(Date.now() - LAST_GOOD_RETENTION_MS - 60_000).toISOString();
    await db.insertInto("upstream_cache").values({ key: "prune:old", value: "1", fetched_at: old }).execute();
    await new UpstreamCache(db, 60_000).get("prune:new", read);
    expect(await pruneLastGood(db)).toBeGreaterThanOrEqual(1);
    const keys = (await db.selectFrom("upstream_cache").select("key").where("key", "like", "prune:%").execute()).map((r) => r.key);
    expect(keys).toEqual(["prune:new"]);
  });
});

import { type Kysely, type Migration, Migrator } from "kysely";
import { withAutoId } from "./database";

/** The core's migrations; each integration adds its own, prefixed with its id. Never edit one that has shipped. */
export const coreMigrations: Record<string, Migration> = {
  "core-001-init": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("restaurant_id", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .execute();
      await withAutoId(db, db.schema.createTable("audit_log"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("actor_email", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target", "text")
        .addColumn("reason", "text")
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("request_id", "text")
        .addColumn("ip", "text")
        .addColumn("details", "text")
        .execute();
      await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
      await db.schema.createIndex("audit_log_target").on("audit_log").columns(["target", "action"]).execute();
      await db.schema
        .createTable("idempotency_keys")
        .addColumn("scope", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("body_hash", "text", (c) => c.notNull())
        .addColumn("status", "integer")
        .addColumn("response", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("idempotency_keys_pk", ["scope", "key"])
        .execute();
      await db.schema
        .createTable("upstream_cache")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("fetched_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("login_throttle")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("failures", "integer", (c) => c.notNull())
        .addColumn("first_failure_at", "text", (c) => c.notNull())
        .addColumn("locked_until", "text")
        .execute();
    },
  },
  "core-002-cache-epochs": {
    async up(db: Kysely<any>) {
      // Bumped by a write that changes what an upstream answers, so every replica drops its copies.
      await db.schema
        .createTable("upstream_cache_epochs")
        .addColumn("prefix", "text", (c) => c.primaryKey())
        .addColumn("epoch", "integer", (c) => c.notNull())
        .execute();
    },
  },
  "core-003-audit-repeats": {
    async up(db: Kysely<any>) {
      // Anonymous clients must not grow the audit log without bound: repeats fold into one row.
      await db.schema.alterTable("audit_log").addColumn("repeat_key", "text").execute();
      await db.schema
        .alterTable("audit_log")
        .addColumn("count", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex("audit_log_repeat_key").on("audit_log").column("repeat_key").unique().execute();
    },
  },
};

/** `schema`: PostgreSQL only, the schema the app's tables live in (its search_path), so Kysely's own tables go there too. */
export async function migrate(db: Kysely<any>, extra: Record<string, Migration> = {}, schema?: string): Promise<void> {
  const migrations = { ...coreMigrations, ...extra };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Integrations add their own migrations beside the core's, so names do not sort by time.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${(error as Error)?.message ?? "unknown error"}`);
  }
}

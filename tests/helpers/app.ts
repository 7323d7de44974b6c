import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import pg from "pg";
import type { Role } from "../../src/auth/permissions";
import { type BuildOptions, type BuiltApp, buildApp } from "../../src/server/app";

/** The server's tests run on both: the embedded SQLite and the machine's PostgreSQL. */
export const TEST_DATABASES = ["sqlite", "postgres"] as const;
export type TestDatabase = (typeof TEST_DATABASES)[number];

/** The demo users' password in tests. */
export const TEST_PASSWORD = "test-demo-password";

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestApp extends BuiltApp {
  /** Every log line the server wrote. */
  logs: string[];
  /** Signs in a demo user and returns the Cookie header to send. */
  login(role: Role): Promise<string>;
}

export interface TestAppOptions extends Omit<BuildOptions, "logStream" | "dbSchema"> {
  database?: TestDatabase;
}

/** Builds the real app on a fresh database (a new PostgreSQL schema, or an in-memory SQLite). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? "sqlite";
  const schema = database === "postgres" ? `t_${randomBytes(6).toString("hex")}` : undefined;
  if (schema) await withPg((c) => c.query(`create schema "${schema}"`));
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _e, cb) {
      logs.push(chunk.toString());
      cb();
    },
  });
  const env = {
    DATABASE_URL: database === "postgres" ? POSTGRES_URL : "sqlite::memory:",
    STATIC_DIR: "dist",
    DEMO_USERS: "1",
    // Beside a real upstream the console refuses the default demo password.
    DEMO_PASSWORD: TEST_PASSWORD,
    SESSION_SECRET: "test-session-secret-0123456789abcdef",
    // Tests change an upstream and press Refresh at once; the limit has its own test.
    REFRESH_MIN_INTERVAL_S: "0",
    ...options.env,
  };
  const built = await buildApp({ ...options, env, logStream, dbSchema: schema });
  const cookies = new Map<Role, string>();
  return {
    ...built,
    logs,
    async login(role) {
      const known = cookies.get(role);
      if (known) return known;
      const res = await built.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: `${role}@example.com`, password: env.DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login as ${role} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      cookies.set(role, cookie);
      return cookie;
    },
    async close() {
      await built.close();
      if (schema) await withPg((c) => c.query(`drop schema "${schema}" cascade`));
    },
  };
}

async function withPg<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

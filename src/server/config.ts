import { z } from "zod";

/** Reusable pieces for environment variables: empty strings count as unset. */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const envVar = {
  url: () => z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  secret: () => z.preprocess(blankToUndefined, z.string().min(1).optional()),
  positiveInt: () => z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  positiveNumber: () => z.preprocess(blankToUndefined, z.coerce.number().positive().optional()),
  flag: () =>
    z.preprocess(blankToUndefined, z.enum(["1", "0", "true", "false", "yes", "no"]).optional()).transform((v) => v === "1" || v === "true" || v === "yes"),
};

export const coreEnvSchema = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(blankToUndefined, z.string().default("127.0.0.1")),
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:)/, "must start with postgres://, postgresql:// or sqlite:")
      .default("sqlite:data/usage-console.sqlite"),
  ),
  SESSION_SECRET: z.preprocess(blankToUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  SESSION_IDLE_MINUTES: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(60)),
  /** However active, a session ends this many hours after sign-in. */
  SESSION_MAX_HOURS: z.preprocess(blankToUndefined, z.coerce.number().positive().default(12)),
  COOKIE_SECURE: envVar.flag(),
  /**
   * Behind load balancers: how many proxy hops to trust (a number), or the proxies' addresses or
   * CIDR ranges (a comma-separated list). The client's address is the last untrusted hop of
   * X-Forwarded-For; unset or 0, the header is ignored.
   */
  TRUST_PROXY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^(\d+|false|true|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, "must be a number of hops or a comma-separated list of proxy addresses")
      .optional()
      .transform((v): number | string[] => {
        if (v === undefined || v === "false") return 0;
        if (v === "true") return 1;
        return /^\d+$/.test(v) ? Number(v) : v.split(",").map((a) => a.trim());
      }),
  ),
  DEMO_USERS: envVar.flag(),
  DEMO_PASSWORD: z.preprocess(blankToUndefined, z.string().min(1).default("demo")),
  /** Writes (and sign-ins) one user, or one address before sign-in, may send a minute. */
  WRITE_RATE_PER_MINUTE: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(60)),
  UPSTREAM_TIMEOUT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(5000)),
  /** How long a read waits for its upstream, retries included, before it answers the last good figures (the call goes on and refreshes the cache). */
  UPSTREAM_READ_BUDGET_MS: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(3000)),
  /** How long the Integrations overview waits for one integration before showing its last known figures. */
  OVERVIEW_DEADLINE_MS: z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(4000)),
  /** A Refresh calls an upstream for the same figures at most once in this many seconds, whoever presses it. */
  REFRESH_MIN_INTERVAL_S: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).default(10)),
  UPSTREAM_CACHE_TTL_S: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).default(300)),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  STATIC_DIR: z.preprocess(blankToUndefined, z.string().default("dist")),
});

export type CoreConfig = z.infer<typeof coreEnvSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses `env` with `schema`; every problem names its variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
}

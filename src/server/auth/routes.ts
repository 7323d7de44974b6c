import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Audit } from "../audit";
import type { Db } from "../db/database";
import { AppError } from "../errors";
import { parseInput } from "../validate";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { SESSION_COOKIE, type Sessions } from "./sessions";
import { accountLimit, addressLimit, type LoginThrottle } from "./throttle";
import { DEMO_USERS } from "./users";

const loginBody = z.object({
  email: z.string({ error: "is required" }).trim().toLowerCase().pipe(z.email("must be an email address")).pipe(z.string().max(254)),
  password: z.string({ error: "is required" }).min(1, "is required").max(1024),
});

export interface AuthDeps {
  db: Db;
  sessions: Sessions;
  throttle: LoginThrottle;
  audit: Audit;
  cookieSecure: boolean;
  /** Demo accounts exist: the login page lists them. */
  demo: boolean;
}

export function authRoutes(app: FastifyInstance, deps: AuthDeps) {
  const { db, sessions, throttle, audit } = deps;
  // Set and cleared with the same flags.
  const cookie = { httpOnly: true, sameSite: "strict", secure: deps.cookieSecure, path: "/" } as const;

  app.get("/auth/config", { config: { permission: "public" } }, async () => ({
    // Who the demo accounts are, never their password.
    demo: deps.demo ? { users: DEMO_USERS.map(({ email, role }) => ({ email, role })) } : null,
  }));

  app.post("/auth/login", { config: { permission: "public" } }, async (request, reply) => {
    const { email, password } = parseInput(loginBody, request.body, "body");
    // Failures of one account from one address fold into one audit row a minute.
    const failure = (why: string, id: string | null = null) =>
      audit.record(request, {
        action: "auth.login",
        outcome: "failure",
        target: `user:${email}`,
        details: { why },
        actor: { id, email },
        repeatKey: `auth.login:${email}:${request.ip}:${new Date().toISOString().slice(0, 16)}`,
      });
    // Counted before the password is checked: attempts sent at once get no more guesses than the limit.
    const wait = await throttle.attempt([accountLimit(email), addressLimit(request.ip)]);
    if (wait > 0) {
      await failure("throttled");
      throw new AppError(429, "too_many_attempts", `Too many failed sign-ins. Try again in ${wait} seconds.`, undefined, { "retry-after": String(wait) });
    }
    const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok) {
      await failure("wrong email or password", user?.id ?? null);
      throw new AppError(401, "invalid_credentials", "Email or password is wrong.");
    }
    await throttle.clear(accountLimit(email).key);
    const sessionId = await sessions.create(user.id);
    await audit.record(request, { action: "auth.login", outcome: "success", target: `user:${email}`, actor: { id: user.id, email } });
    reply.setCookie(SESSION_COOKIE, sessionId, cookie);
    return { ok: true };
  });

  app.post("/auth/logout", { config: { permission: "public" } }, async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) {
      if (request.user) await audit.record(request, { action: "auth.logout", outcome: "success", target: `user:${request.user.email}` });
      await sessions.destroy(sessionId);
    }
    reply.clearCookie(SESSION_COOKIE, cookie);
    return { ok: true };
  });
}

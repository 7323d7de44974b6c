// The shop's own sign-in: a few users with a role each, and cookie sessions kept in memory.
import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export type Role = "manager" | "clerk";

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** Demo accounts: the password is the part of the email before the @. */
const USERS: Array<User & { password: string }> = [
  { id: "u-1", email: "manager@shop.test", name: "Maria Manager", role: "manager", password: "manager" },
  { id: "u-2", email: "clerk@shop.test", name: "Carl Clerk", role: "clerk", password: "clerk" },
];

const COOKIE = "shop_session";
const sessions = new Map<string, User>();

/** The signed-in user of a request, or null. */
export function currentUser(request: FastifyRequest): User | null {
  const id = request.cookies[COOKIE];
  return (id && sessions.get(id)) || null;
}

/** A preHandler for the shop's own routes: 401 without a session. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (!currentUser(request)) return reply.code(401).send({ message: "Sign in first." });
}

export function authRoutes(app: FastifyInstance) {
  app.post<{ Body: { email?: string; password?: string } }>("/api/login", async (request, reply) => {
    const found = USERS.find((u) => u.email === request.body?.email?.trim().toLowerCase() && u.password === request.body?.password);
    if (!found) return reply.code(401).send({ message: "Wrong email or password." });
    const { password: _, ...user } = found;
    const id = randomBytes(24).toString("base64url");
    sessions.set(id, user);
    reply.setCookie(COOKIE, id, { path: "/", httpOnly: true, sameSite: "lax" });
    return user;
  });

  app.post("/api/logout", async (request, reply) => {
    const id = request.cookies[COOKIE];
    if (id) sessions.delete(id);
    reply.clearCookie(COOKIE, { path: "/" });
    return { ok: true };
  });

  app.get("/api/me", async (request, reply) => currentUser(request) ?? reply.code(401).send({ message: "Not signed in." }));
}

// The shop's server: its own API (sign-in, orders) and its built SPA.
import { resolve } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import Fastify from "fastify";
import { usageConsole } from "usage-console/server"; // usage-console
import { authRoutes, currentUser, type Role, type User } from "./auth"; // usage-console: currentUser, Role, User
import { orderRoutes } from "./orders";

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? "info" } });
await app.register(fastifyCookie);
authRoutes(app);
orderRoutes(app);

// usage-console: its API under /usage-api, for the shop's signed-in users, with a role's permissions there.
const USAGE_PERMISSIONS: Record<Role, string[]> = { manager: ["integration:Read", "integration:Renew", "audit:Read"], clerk: [] };
const usageUser = (user: User | null) => user && { ...user, permissions: USAGE_PERMISSIONS[user.role] };
await app.register(usageConsole, { prefix: "/usage-api", authenticate: (request) => usageUser(currentUser(request)) });

// The SPA: files from dist/, and index.html for its client-side routes.
await app.register(fastifyStatic, { root: resolve(import.meta.dirname, "../dist"), wildcard: false });
app.setNotFoundHandler((request, reply) => {
  if (request.method !== "GET" || request.url.startsWith("/api/")) return reply.code(404).send({ message: "Not found." });
  return reply.sendFile("index.html");
});

const address = await app.listen({ host: process.env.HOST ?? "127.0.0.1", port: Number(process.env.PORT ?? 4000) });
console.log(`Shop Admin on ${address}`);

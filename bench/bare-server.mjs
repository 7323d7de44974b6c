// The yardstick of the server bench: a bare Fastify answering fixed bytes, as fast as the framework
// goes. `node bench/bare-server.mjs <port> <file>=<path>…` serves each file's bytes as JSON at GET /<path>.
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const [port, ...routes] = process.argv.slice(2);
const app = Fastify({ logger: false });
for (const route of routes) {
  const [file, path] = route.split("=");
  const body = readFileSync(file);
  app.get(`/${path}`, (_request, reply) => reply.type("application/json; charset=utf-8").send(body));
}
await app.listen({ port: Number(port), host: "127.0.0.1" });
process.send?.("ready");
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => app.close().then(() => process.exit(0)));

/**
 * One console server as its own process, for the crash test: the real app with restaurants only,
 * its background jobs on (the check of interrupted renewals), listening on a free port of
 * 127.0.0.1. Prints "ready <port>". The test kills it with SIGKILL.
 */
import { buildApp } from "../../server/app";
import restaurantsServer from "./server";

const built = await buildApp({ integrations: [restaurantsServer], dbSchema: process.env.REPLICA_DB_SCHEMA, jobs: true });
const address = await built.app.listen({ host: "127.0.0.1", port: 0 });
process.stdout.write(`ready ${new URL(address).port}\n`);
process.on("SIGTERM", () => {
  void built.close().then(() => process.exit(0));
});

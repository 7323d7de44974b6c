/**
 * One server replica as its own process, for the two-replica test: the real app with this
 * integration's scheduled sync on, in the PostgreSQL schema REPLICA_DB_SCHEMA. Prints "ready".
 */
import { buildApp } from "../../server/app";
import apiKeysServer from "./server";

const built = await buildApp({ integrations: [apiKeysServer], dbSchema: process.env.REPLICA_DB_SCHEMA, jobs: true });
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void built.close().then(() => process.exit(0));
});

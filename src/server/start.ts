import { buildApp } from "./app";
import { DEMO_USERS } from "./auth/users";
import { ConfigError } from "./config";

async function main() {
  let built: Awaited<ReturnType<typeof buildApp>>;
  try {
    built = await buildApp({ jobs: true });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { app, config, contexts, demoUsers } = built;
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const demo = [...contexts.entries()].filter(([, c]) => c.demo).map(([id]) => id);
  console.log(`\nUsage Console is running on ${address.replace("127.0.0.1", "localhost")}`);
  if (demo.length) console.log(`Demo data (simulators) for: ${demo.join(", ")}`);
  if (demoUsers) {
    const password = process.env.DEMO_PASSWORD ? "the DEMO_PASSWORD you set" : `"${config.DEMO_PASSWORD}"`;
    console.log(`Demo users (password ${password}):`);
    for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(22)} ${u.role}`);
  }
  // Closes the server (the port is free once it resolves) and exits; a second signal, or a close
  // that hangs past 10 s, exits at once.
  let closing = false;
  const shutdown = async () => {
    if (closing) process.exit(1);
    closing = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    await built.close().catch((error) => console.error("close failed:", error));
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

void main();

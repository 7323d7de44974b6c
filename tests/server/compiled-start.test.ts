import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";

/** A port nobody listens on right now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

const answers = (url: string) =>
  fetch(url).then(
    (r) => r.ok,
    () => false,
  );

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));

describe("npm start: the compiled server", () => {
  it("builds what is stale, runs plain node on dist-server with all four integrations, and a SIGTERM frees the port", async () => {
    const port = await freePort();
    const child = spawn("npm", ["start"], {
      env: { ...process.env, PORT: String(port), DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    try {
      const deadline = Date.now() + 170_000;
      while (!(await answers(`http://127.0.0.1:${port}/readyz`))) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not become ready:\n${output}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      // Vite expanded import.meta.glob: every integration is in the bundle, none read from src/.
      expect(output).toMatch(/Demo data \(simulators\) for: .*imai/);
      for (const id of ["imai", "pax8", "restaurants", "api-keys"]) expect(output).toContain(id);
      child.kill("SIGTERM");
      expect(await exited(child)).toBe(0);
      expect(await answers(`http://127.0.0.1:${port}/readyz`)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 200_000);
});

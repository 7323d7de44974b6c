import { type ChildProcess, fork, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** A port nobody listens on right now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

/** Resolves when `url` answers 2xx, polling every 10 ms; rejects when the process ends first. */
export async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    if (Date.now() > deadline) throw new Error(`${url}: not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Ends a process this bench started and waits for it. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** `npm start` (already built) on `port`: the process, and the milliseconds from spawn to /readyz. */
export async function startConsole(port: number, env: Record<string, string>): Promise<{ child: ChildProcess; startupMs: number }> {
  const started = performance.now();
  const child = spawn("npm", ["start", "--silent"], { env: { ...process.env, PORT: String(port), ...env }, stdio: ["ignore", "ignore", "inherit"] });
  await waitFor(`http://127.0.0.1:${port}/readyz`, child);
  return { child, startupMs: performance.now() - started };
}

/** The bare Fastify yardstick serving `routes` (path → file with the bytes). */
export async function startBare(port: number, routes: Record<string, string>): Promise<ChildProcess> {
  const args = [String(port), ...Object.entries(routes).map(([path, file]) => `${file}=${path}`)];
  const child = fork("bench/bare-server.mjs", args, { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return child;
}

/** Resident memory of a process and its descendants (the server behind npm start), in MB. */
export function rssMb(pid: number): number {
  const kb = (p: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  // npm stays as the parent; the server is the node process below it.
  const all = [pid, ...children(pid)];
  const server = all.filter((p) => readFileSync(`/proc/${p}/cmdline`, "utf8").includes("start.mjs"));
  return (server.length ? server : all).reduce((sum, p) => sum + kb(p), 0) / 1024;
}

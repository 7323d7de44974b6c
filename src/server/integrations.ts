import { readdirSync } from "node:fs";
import type { ServerIntegration } from "./integration";

type Module = { default: ServerIntegration<any> };

/**
 * Every folder's `server.ts`, found by itself (no line to add). Vite and Vitest expand the glob at
 * build time (so the library bundle holds them); plain Node under tsx has no `import.meta.glob`
 * and reads the folder instead.
 */
async function load(): Promise<Module[]> {
  try {
    return Object.values(import.meta.glob<Module>("../integrations/*/server.ts", { eager: true }));
  } catch {
    const root = new URL("../integrations/", import.meta.url);
    const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory());
    const found = folders.filter((d) => readdirSync(new URL(`${d.name}/`, root)).includes("server.ts"));
    return Promise.all(found.map((d) => import(new URL(`${d.name}/server.ts`, root).href) as Promise<Module>));
  }
}

export const serverIntegrations: ServerIntegration<any>[] = (await load()).map((m) => m.default).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));

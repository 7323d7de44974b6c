#!/usr/bin/env node
// `npm run new:integration -- <id>`: writes src/integrations/<id>/ from scripts/templates/integration/,
// a working integration (contract, client, simulator, routes, overview entry, list page, tests,
// README) that the registries find by themselves: nothing outside its folder is edited.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const templates = join(root, "scripts", "templates", "integration");

/** The names an id takes in the files: `demo-widgets` → DEMO_WIDGETS, DemoWidgets, demoWidgets, "Demo Widgets". */
export function namesOf(id) {
  const words = id.split("-");
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  return {
    id,
    ENV: words.join("_").toUpperCase(),
    Name: words.map(cap).join(""),
    name: words[0] + words.slice(1).map(cap).join(""),
    Title: words.map(cap).join(" "),
  };
}

/** Ids whose BFF paths would fall among the core's own routes (/api/auth/…, /api/integrations/…). */
const RESERVED = ["auth", "integrations", "integration", "audit", "audit-logs", "api", "core", "client", "server", "usage"];

/** Why an id cannot be used, or null: kebab-case, starting with a letter, not an existing folder. */
export function invalidId(id, integrations = join(root, "src", "integrations")) {
  if (!id) return "Give the new integration's id: npm run new:integration -- <id> (kebab-case, e.g. billing-api)";
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id))
    return `"${id}" is not a kebab-case id (lower-case letters and digits, words joined by "-", starting with a letter)`;
  if (RESERVED.includes(id)) return `"${id}" is reserved for the core's own routes`;
  if (id.length > 40) return `"${id}" is too long (at most 40 characters)`;
  if (existsSync(join(integrations, id))) return `src/integrations/${id} exists already`;
  return null;
}

/** Template file → file in the new folder: `pages/list.tsx.tpl` → `pages/<id>-list.tsx`, `integration.test.ts.tpl` → `<id>.test.ts`. */
function targetOf(template, id) {
  const name = template.replace(/\.tpl$/, "");
  if (name === "integration.test.ts") return `${id}.test.ts`;
  if (name === join("pages", "list.tsx")) return join("pages", `${id}-list.tsx`);
  return name;
}

function templatesUnder(dir, prefix = "") {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? templatesUnder(dir, join(prefix, d.name)) : d.name.endsWith(".tpl") ? [join(prefix, d.name)] : [],
  );
}

export function scaffold(id) {
  const names = namesOf(id);
  const folder = join(root, "src", "integrations", id);
  const written = [];
  for (const template of templatesUnder(templates)) {
    const text = readFileSync(join(templates, template), "utf8").replace(/\{\{(id|ENV|Name|name|Title)\}\}/g, (_m, key) => names[key]);
    const target = join(folder, targetOf(template, id));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    written.push(relative(root, target));
  }
  // The id's length moves line breaks: let the formatter lay the files out as the rest of the tree.
  const biome = join(root, "node_modules", ".bin", "biome");
  if (existsSync(biome)) spawnSync(biome, ["check", "--write", folder], { cwd: root, stdio: "ignore" });
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const id = process.argv[2];
  const problem = invalidId(id);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const written = scaffold(id);
  const { ENV } = namesOf(id);
  console.log(`Wrote src/integrations/${id}/:\n${written.map((f) => `  ${f}`).join("\n")}
Nothing else to edit: the server and the browser find the folder by themselves.
  npx vitest run src/integrations/${id}   its tests (SQLite and PostgreSQL)
  npm start                                its card on the overview and its page at /${id} (demo data)
Set ${ENV}_API_BASE_URL and ${ENV}_API_KEY to call the real upstream.`);
}

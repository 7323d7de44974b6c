// npm run user:add -- --email E --password P --role R [--name N] [--restaurant-id ID]
import { parseArgs } from "node:util";
import { z } from "zod";
import { ROLE_NAMES } from "../../auth/permissions";
import { upsertUser } from "../auth/users";
import { coreEnvSchema, parseEnv } from "../config";
import { createDb } from "../db/database";
import { migrate } from "../db/migrations";
import { serverIntegrations } from "../integrations";

const args = z
  .object({
    email: z.email("--email must be an email address"),
    password: z.string().min(8, "--password must be at least 8 characters"),
    role: z.enum(ROLE_NAMES as [string, ...string[]], { error: `--role must be one of ${ROLE_NAMES.join(", ")}` }),
    name: z.string().min(1).optional(),
    "restaurant-id": z.string().min(1).optional(),
  })
  .refine((a) => a.role !== "owner" || a["restaurant-id"], { message: "--restaurant-id is required for the owner role", path: ["restaurant-id"] });

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    password: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    "restaurant-id": { type: "string" },
  },
});
const parsed = args.safeParse(values);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join("\n"));
  console.error("Usage: npm run user:add -- --email E --password P --role R [--name N] [--restaurant-id ID]");
  process.exit(2);
}
const config = parseEnv(coreEnvSchema, process.env);
const db = createDb(config.DATABASE_URL);
try {
  await migrate(db, Object.assign({}, ...serverIntegrations.map((i) => i.migrations ?? {})));
  const a = parsed.data;
  await upsertUser(db, { email: a.email, password: a.password, role: a.role as (typeof ROLE_NAMES)[number], name: a.name, restaurantId: a["restaurant-id"] });
  console.log(`User ${a.email} (${a.role}) saved.`);
} finally {
  await db.destroy();
}

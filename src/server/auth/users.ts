import { randomUUID } from "node:crypto";
import { isRole, type Role } from "../../auth/permissions";
import type { Db } from "../db/database";
import { nowIso } from "../db/database";
import { hashPassword } from "./passwords";

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  name?: string;
  restaurantId?: string | null;
}

/** Creates the user, or updates password, role and name of the one with that email. */
export async function upsertUser(db: Db, user: NewUser): Promise<string> {
  if (!isRole(user.role)) throw new Error(`Unknown role ${user.role}`);
  const email = user.email.trim().toLowerCase();
  const password_hash = await hashPassword(user.password);
  const name = user.name ?? email.split("@")[0];
  const existing = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (existing) {
    await db
      .updateTable("users")
      .set({ password_hash, role: user.role, name, restaurant_id: user.restaurantId ?? null })
      .where("id", "=", existing.id)
      .execute();
    return existing.id;
  }
  const id = randomUUID();
  await db
    .insertInto("users")
    .values({ id, email, name, password_hash, role: user.role, restaurant_id: user.restaurantId ?? null, created_at: nowIso() })
    .execute();
  return id;
}

/** The restaurant the demo owner is bound to; the restaurants simulator seeds it. */
export const DEMO_OWNER_RESTAURANT_ID = "cm0demoowner0000000000001";

export const DEMO_USERS: ReadonlyArray<Omit<NewUser, "password"> & { name: string }> = [
  { email: "admin@example.com", role: "admin", name: "Ada Admin" },
  { email: "support@example.com", role: "support", name: "Sam Support" },
  { email: "viewer@example.com", role: "viewer", name: "Vic Viewer" },
  { email: "editor@example.com", role: "editor", name: "Eddie Editor" },
  { email: "owner@example.com", role: "owner", name: "Olga Owner", restaurantId: DEMO_OWNER_RESTAURANT_ID },
];

export async function ensureDemoUsers(db: Db, password: string): Promise<void> {
  for (const user of DEMO_USERS) {
    const exists = await db.selectFrom("users").select("id").where("email", "=", user.email).executeTakeFirst();
    if (!exists) await upsertUser(db, { ...user, password });
  }
}

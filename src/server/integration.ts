import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Migration } from "kysely";
import type { z } from "zod";
import type { IntegrationUsage } from "../integrations/usage";
import type { Audit } from "./audit";
import type { CoreConfig } from "./config";
import type { Db } from "./db/database";
import type { OverviewSpec } from "./read";
import type { ReadCache } from "./upstream/cache";

/** A simulator listening on a loopback port, started when an integration's base URL is unset. */
export interface RunningSimulator<Control = unknown> {
  url: string;
  /** Variables the simulator fills in demo mode where they are unset: the credentials it accepts, its plan. */
  env: Record<string, string>;
  /** Switches for tests and demos (failures, counters). */
  control: Control;
  close(): Promise<void>;
}

export interface IntegrationContext<Env = Record<string, unknown>> {
  /** This integration's variables, with the simulator's URL and credentials filled in in demo mode. */
  env: Env;
  /** True when the simulator answers instead of the real upstream. */
  demo: boolean;
  simulator?: RunningSimulator;
  core: CoreConfig;
  db: Db;
  /** Reads through the shared single-flight cache, with the read budget and last good answers. */
  cache: ReadCache;
  audit: Audit;
  log: FastifyBaseLogger;
}

/**
 * What an integration gives the server: a folder's `server.ts` default-exports one, and the
 * registry finds it.
 */
export interface ServerIntegration<Shape extends z.ZodObject = z.ZodObject> {
  id: string;
  name: string;
  /** Where it sits on the overview (lower first). */
  order?: number;
  /** Its environment variables (zod), merged into the configuration checked at start-up. */
  env: Shape;
  /** The variable naming the upstream's base URL; unset means: run against the simulator. */
  baseUrlVar: keyof z.infer<Shape> & string;
  migrations?: Record<string, Migration>;
  startSimulator?: () => Promise<RunningSimulator>;
  /** Registers this integration's routes (prefix them with /api/<id>/). */
  routes?: (app: FastifyInstance, ctx: IntegrationContext<z.infer<Shape>>) => void | Promise<void>;
  /** Its entries on the overview: the core answers "not configured", stale and error entries. */
  overview?: OverviewSpec<z.infer<Shape>>;
  /** Entries for GET /api/integrations/usage when `overview` does not fit. Must not throw for an upstream failure: answer status "error". */
  usage?: (ctx: IntegrationContext<z.infer<Shape>>, options: { refresh: boolean }) => Promise<IntegrationUsage[]>;
  /** Background work (a scheduled sync); the returned function stops it. */
  start?: (ctx: IntegrationContext<z.infer<Shape>>) => (() => Promise<void> | void) | void;
}

/** Keeps the env type of each integration when it is listed in the registry. */
export function defineIntegration<Shape extends z.ZodObject>(integration: ServerIntegration<Shape>): ServerIntegration<Shape> {
  return integration;
}

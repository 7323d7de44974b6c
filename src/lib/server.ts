/**
 * The server entry of the Usage Console package (`usage-console/server`): a Fastify plugin, and
 * what an integration of its own is built from.
 */
export { ConfigError, envVar } from "../server/config";
export { type Console, type ConsoleOptions, createConsole } from "../server/console";
export { defineIntegration, type IntegrationContext, type RunningSimulator, type ServerIntegration } from "../server/integration";
export { serverIntegrations as builtInIntegrations } from "../server/integrations";
export { type HostUser, type UsageConsoleOptions, usageConsole } from "../server/plugin";
export { envelope, type OverviewSpec, perContext, readMeta } from "../server/read";
export { listenSimulator, paginate, SimulatorControl, simulatorApp } from "../server/simulator-kit";
export { createUpstreamClient, notConfigured, type UpstreamClient } from "../server/upstream/client";
export { describeFailure, type FailureWords } from "../server/upstream/failure";
export { UpstreamError } from "../server/upstream/http";
export { parseInput } from "../server/validate";

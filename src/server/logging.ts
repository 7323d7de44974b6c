import { Writable } from "node:stream";

/** Names of variables whose values are credentials. */
export const SECRET_NAME = /(KEY|SECRET|TOKEN|PAT|PASSWORD)$/;

export function secretValues(env: Record<string, unknown>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === "string" && value.length >= 4)
    .map(([, value]) => value as string);
}

/**
 * A log destination that blanks every configured credential value before a line is written:
 * pino's path redaction covers the headers we know of, this covers the ones we do not.
 */
export function redactingStream(destination: NodeJS.WritableStream, secrets: string[]): Writable {
  const unique = [...new Set(secrets)].sort((a, b) => b.length - a.length);
  return new Writable({
    write(chunk, _encoding, callback) {
      let line = chunk.toString();
      for (const secret of unique) if (line.includes(secret)) line = line.split(secret).join("[REDACTED]");
      destination.write(line);
      callback();
    },
  });
}

export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'req.headers["authkey"]',
  'res.headers["set-cookie"]',
  "*.password",
  "*.client_secret",
  "*.access_token",
  "*.plaintext",
];

import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Below this, compressing costs more than it saves (the same threshold as @fastify/compress in app.ts). */
const THRESHOLD = 1024;
type Encoding = "br" | "gzip";

/**
 * A JSON answer serialized once and compressed at most once per encoding, for an answer that many
 * requests share (the overview): the bytes are reused instead of being stringified and compressed
 * per request.
 */
export class JsonAnswer {
  private readonly encoded: Partial<Record<Encoding, Buffer>> = {};
  constructor(readonly body: string) {}

  send(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    reply.type("application/json; charset=utf-8");
    const encoding = this.body.length >= THRESHOLD ? accepted(request.headers["accept-encoding"]) : null;
    if (!encoding) return reply.send(this.body);
    this.encoded[encoding] ??= encoding === "br" ? brotliCompressSync(this.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }) : gzipSync(this.body);
    return reply.header("content-encoding", encoding).header("vary", "accept-encoding").send(this.encoded[encoding]);
  }
}

/** The encoding to answer in: brotli, else gzip, when the client accepts it (a `q=0` refuses). */
function accepted(header: string | string[] | undefined): Encoding | null {
  if (!header) return null;
  const offered = new Map<string, number>();
  for (const part of [header].flat().join(",").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (name: Encoding) => (offered.get(name) ?? offered.get("*") ?? 0) > 0;
  return ok("br") ? "br" : ok("gzip") ? "gzip" : null;
}

/** One printed figure of `npm run bench`. */
export interface BenchResult {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** A target to compare with, in the same unit, and whether lower is better. */
  target?: { value: number; lowerIsBetter: boolean };
  /** The same figure of the yardstick (the minimal page, the bare Fastify route) in the same run. */
  yardstick?: number;
  note?: string;
}

export type BenchSuite = () => Promise<BenchResult[]>;

export interface BenchOptions {
  /** Seconds of each throughput measurement. */
  duration: number;
  /** Seconds of mixed reads before the memory figure. */
  rssSeconds: number;
}

/** `--duration=S`, `--rss-seconds=S`, `--quick` (3 s and 10 s) from the command line; BENCH_* variables also work. */
export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const quick = argv.includes("--quick") || process.env.BENCH_QUICK === "1";
  const number = (value: string | undefined, fallback: number) => (value && Number(value) > 0 ? Number(value) : fallback);
  return {
    duration: number(flag("duration") ?? process.env.BENCH_DURATION_S, quick ? 3 : 10),
    rssSeconds: number(flag("rss-seconds") ?? process.env.BENCH_RSS_S, quick ? 10 : 60),
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

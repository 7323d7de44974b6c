/** One printed figure of `npm run bench`. */
export interface BenchResult {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** A target to compare with, in the same unit, and whether lower is better. */
  target?: { value: number; lowerIsBetter: boolean };
  note?: string;
}

export type BenchSuite = () => Promise<BenchResult[]>;

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

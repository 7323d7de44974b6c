/** The mark benchmarks read: set once, when a page's first data is on screen. */
export const DATA_MARK = "usage-console:data";

export function markDataOnScreen(): void {
  if (typeof performance !== "undefined" && performance.getEntriesByName(DATA_MARK).length === 0) performance.mark(DATA_MARK);
}

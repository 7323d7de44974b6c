/** Credit math, free of any database: what a task costs and what deducting it leaves. */

type Chargeable = { type: string; status: string; email_count?: number | null };

/** A completed task costs its email_count; a single verify costs 1; anything else costs nothing yet. */
export function creditsFor(task: Chargeable): number {
  if (task.status !== "completed") return 0;
  if (task.email_count === null || task.email_count === undefined) return task.type === "verify" ? 1 : 0;
  return task.type === "verify" ? Math.max(1, task.email_count) : task.email_count;
}

export type DeductionRequest = { task_id: string; user_id: string; amount: number };

/**
 * Applies deductions in order to the balances given (user → credits). A balance never goes below
 * zero: what it cannot pay is the deduction's shortfall (recorded, never taken). Returns the ledger rows
 * (each with `applied`, what the balance could pay, and `shortfall`) and the new balances.
 */
export function applyDeductions(balances: ReadonlyMap<string, number>, requests: readonly DeductionRequest[]) {
  const next = new Map(balances);
  const shortfalls = new Map<string, number>();
  const ledger = requests.map((r) => {
    const balance = next.get(r.user_id) ?? 0;
    const applied = Math.min(balance, Math.max(0, r.amount));
    const shortfall = Math.max(0, r.amount) - applied;
    next.set(r.user_id, balance - applied);
    if (shortfall > 0) shortfalls.set(r.user_id, (shortfalls.get(r.user_id) ?? 0) + shortfall);
    return { ...r, applied, shortfall, balance_after: balance - applied };
  });
  return { ledger, balances: next, shortfalls };
}

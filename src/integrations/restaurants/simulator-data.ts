import { DEMO_OWNER_RESTAURANT_ID } from "../../server/auth/users";
import { prng } from "../../server/simulator-kit";
import { UNLIMITED } from "./api";
import type { HistoryEntry, RenewResult, RestaurantDetail, RestaurantUsage, UsageAlert } from "./contract";

/** One simulated restaurant: a plan (-1 unlimited), conversations and top-ups by "YYYY-MM". */
export interface SimRestaurant {
  id: string;
  name: string;
  planLimit: number;
  dailyLimit: number;
  conversationsToday: number;
  months: Map<string, { count: number; last: string | null }>;
  adjustments: Map<string, number>;
  firstActivity: string | null;
  isActive: boolean;
}

export const monthKey = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;

const monthsBack = (now: Date, n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1));

/** The named restaurants every seed holds, so tests, demos and the e2e know what to look for. */
export const SIM_RESTAURANTS = {
  owner: { id: DEMO_OWNER_RESTAURANT_ID, name: "Olga's Bistro" },
  nearQuota: { id: "cm0sim0nearquota00000000001", name: "Aegean Grill" },
  overQuota: { id: "cm0sim0overquota00000000001", name: "Alpine Curry House" },
  unlimited: { id: "cm0sim0unlimited00000000001", name: "Amber Dragon" },
  inactive: { id: "cm0sim0inactive000000000001", name: "Anchor Diner" },
  toppedUp: { id: "cm0sim0toppedup000000000001", name: "Aster Noodle Bar" },
} as const;

const PREFIXES =
  "Basil Cedar Copper Crimson Daisy Ember Fig Golden Harbor Ivy Juniper Kettle Lemon Maple Nutmeg Olive Pepper Quince Rosemary Saffron Tamarind Umber Velvet Willow Yuzu Zest".split(
    " ",
  );
const KINDS = "Bistro,Kitchen,Grill,Trattoria,Cantina,Noodle House,Taqueria,Brasserie,Diner,Sushi Bar,Bakery,Pizzeria".split(",");

type Spec = { id: string; name: string; planLimit: number; used: number; adjustedBy?: number; isActive?: boolean; monthsOld?: number };

function build(spec: Spec, now: Date, rand: () => number): SimRestaurant {
  const months = new Map<string, { count: number; last: string | null }>();
  const age = spec.monthsOld ?? 8;
  for (let i = Math.min(age, 5); i >= 0; i--) {
    const start = monthsBack(now, i);
    const count = i === 0 ? spec.used : Math.round((spec.planLimit > 0 ? spec.planLimit : 3000) * (0.3 + rand() * 0.7));
    // The last conversation: today for this month, late in the month for earlier ones.
    const last =
      count === 0
        ? null
        : i === 0
          ? new Date(now.getTime() - Math.floor(rand() * 36e5 * 20))
          : new Date(start.getTime() + (25 + Math.floor(rand() * 3)) * 864e5 + Math.floor(rand() * 864e5));
    months.set(monthKey(start), { count, last: last ? last.toISOString() : null });
  }
  const adjustments = new Map<string, number>();
  if (spec.adjustedBy) adjustments.set(monthKey(now), spec.adjustedBy);
  const first = monthsBack(now, Math.min(age, 5));
  const { id, name, planLimit, used, isActive = true } = spec;
  const dailyLimit = planLimit === UNLIMITED ? UNLIMITED : 1000;
  const firstActivity = used === 0 && age === 0 ? null : new Date(first.getTime() + 8 * 36e5).toISOString();
  return { id, name, planLimit, dailyLimit, conversationsToday: Math.min(used, Math.floor(rand() * 40)), months, adjustments, firstActivity, isActive };
}

/**
 * Some 60 restaurants by default: the named ones above, then generated ones of which about one in
 * ten is near quota, one in twenty over 100 %, one in twenty unlimited and one in twenty inactive.
 */
export function seedRestaurants(count = 60, now = new Date(), seed = 42): SimRestaurant[] {
  const rand = prng(seed);
  const s = SIM_RESTAURANTS;
  const fixed: Spec[] = [
    { ...s.owner, planLimit: 1000, used: 640 },
    { ...s.nearQuota, planLimit: 1000, used: 930 },
    { ...s.overQuota, planLimit: 1000, used: 1130 },
    { ...s.unlimited, planLimit: UNLIMITED, used: 4210 },
    { ...s.inactive, planLimit: 1000, used: 0, isActive: false },
    { ...s.toppedUp, planLimit: 1000, used: 1850, adjustedBy: 1000 },
  ];
  const list = fixed.map((spec) => build(spec, now, rand));
  for (let i = list.length; i < count; i++) {
    const plan = [1000, 1000, 5000, 25000][Math.floor(rand() * 4)];
    const kind = i % 20;
    const spec: Spec = {
      id: `cm0sim${String(i).padStart(21, "0")}`,
      name: `${PREFIXES[i % PREFIXES.length]} ${KINDS[Math.floor(i / PREFIXES.length) % KINDS.length]} ${Math.floor(i / (PREFIXES.length * KINDS.length)) || ""}`.trim(),
      planLimit: kind === 3 ? UNLIMITED : plan,
      used: Math.round(plan * (kind === 1 || kind === 11 ? 0.9 + rand() * 0.09 : kind === 5 ? 1.02 + rand() * 0.3 : 0.05 + rand() * 0.8)),
      isActive: kind !== 7,
      monthsOld: kind === 9 ? 2 : 8,
    };
    list.push(build(spec, now, rand));
  }
  return list;
}

/** The upstream's quota math: effective limit = plan + top-ups; percent capped at 100; nearing at 90 %. */
export function quotaOf(r: SimRestaurant, now: Date) {
  const used = r.months.get(monthKey(now))?.count ?? 0;
  if (r.planLimit === UNLIMITED)
    return { used, limit: UNLIMITED, effectiveLimit: UNLIMITED, adjustedBy: 0, remaining: UNLIMITED, usagePercent: undefined, isNearingQuota: false, share: 0 };
  const adjustedBy = r.adjustments.get(monthKey(now)) ?? 0;
  const effectiveLimit = r.planLimit + adjustedBy;
  const share = effectiveLimit > 0 ? used / effectiveLimit : 1;
  const remaining = Math.max(0, effectiveLimit - used);
  return { used, limit: r.planLimit, effectiveLimit, adjustedBy, remaining, usagePercent: Math.min(100, share * 100), isNearingQuota: share >= 0.9, share };
}

export function usageOf(r: SimRestaurant, now: Date): RestaurantUsage {
  const q = quotaOf(r, now);
  const last = r.months.get(monthKey(now))?.last ?? latestConversation(r);
  const dailyRemaining = r.planLimit === UNLIMITED ? UNLIMITED : Math.max(0, r.dailyLimit - r.conversationsToday);
  const allowance = { dailyLimit: r.dailyLimit, dailyRemaining, monthlyLimit: q.effectiveLimit, monthlyRemaining: q.remaining };
  const { adjustedBy, usagePercent, isNearingQuota } = q;
  const percent = usagePercent !== undefined ? { usagePercent } : {};
  const { id: restaurantId, name: restaurantName, firstActivity, isActive } = r;
  return {
    restaurantId,
    restaurantName,
    conversationsThisMonth: q.used,
    lastConversationAt: last,
    allowance,
    adjustedBy,
    ...percent,
    isNearingQuota,
    firstActivity,
    lastActivity: last,
    isActive,
  };
}

const latestConversation = (r: SimRestaurant) => [...r.months.values()].reduce<string | null>((a, m) => (m.last && (!a || m.last > a) ? m.last : a), null);

/** The last 6 months, newest first, only months with a record (as the spec's example). */
export function historyOf(r: SimRestaurant, now: Date): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (let i = 0; i < 6; i++) {
    const d = monthsBack(now, i);
    const m = r.months.get(monthKey(d));
    if (m) out.push({ month: d.getUTCMonth() + 1, year: d.getUTCFullYear(), conversationCount: m.count, lastConversationAt: m.last });
  }
  return out;
}

export const detailOf = (r: SimRestaurant, now: Date): RestaurantDetail => ({ ...usageOf(r, now), history: historyOf(r, now) });

export function alertOf(r: SimRestaurant, now: Date): UsageAlert {
  const { used, effectiveLimit: limit, remaining, usagePercent = 0, isNearingQuota, adjustedBy } = quotaOf(r, now);
  return { restaurantId: r.id, restaurantName: r.name, used, limit, remaining, usagePercent, isNearingQuota, adjustedBy };
}

/** Adds a top-up to this month and answers as the upstream's renew does. */
export function renew(r: SimRestaurant, amount: number, now: Date): RenewResult {
  const key = monthKey(now);
  if (r.planLimit !== UNLIMITED) r.adjustments.set(key, (r.adjustments.get(key) ?? 0) + amount);
  const { share: _share, usagePercent, ...q } = quotaOf(r, now);
  return { ...q, ...(usagePercent !== undefined ? { usagePercent } : {}) };
}

// The shop's own resource: orders, from an in-memory list, in the shape @refinedev/simple-rest reads.
import type { FastifyInstance } from "fastify";
import { currentUser, requireUser } from "./auth";

interface Order {
  id: number;
  number: string;
  customer: string;
  total: number;
  status: "paid" | "shipped";
  createdAt: string;
}

const CUSTOMERS = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Margaret Hamilton"];
const orders: Order[] = Array.from({ length: 14 }, (_, i) => ({
  id: i + 1,
  number: `SO-${1001 + i}`,
  customer: CUSTOMERS[i % CUSTOMERS.length],
  total: Math.round((19.9 + i * 13.45) * 100) / 100,
  status: i % 3 === 0 ? "shipped" : "paid",
  createdAt: new Date(Date.UTC(2025, 5, 1 + i)).toISOString(),
}));

export function orderRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { _start?: string; _end?: string; _sort?: string; _order?: string } }>(
    "/api/orders",
    { preHandler: requireUser },
    async (request, reply) => {
      const { _start = "0", _end = "10", _sort = "id", _order = "asc" } = request.query;
      const key = (_sort in orders[0] ? _sort : "id") as keyof Order;
      const sorted = [...orders].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) * (_order === "desc" ? -1 : 1));
      reply.header("x-total-count", String(orders.length));
      return sorted.slice(Number(_start), Number(_end));
    },
  );

  app.get<{ Params: { id: string } }>("/api/orders/:id", { preHandler: requireUser }, async (request, reply) => {
    return orders.find((o) => o.id === Number(request.params.id)) ?? reply.code(404).send({ message: "No such order." });
  });

  // Shipping an order is a manager's job.
  app.patch<{ Params: { id: string }; Body: { status?: string } }>("/api/orders/:id", { preHandler: requireUser }, async (request, reply) => {
    if (currentUser(request)?.role !== "manager") return reply.code(403).send({ message: "Only a manager ships orders." });
    const order = orders.find((o) => o.id === Number(request.params.id));
    if (!order) return reply.code(404).send({ message: "No such order." });
    if (request.body?.status === "shipped") order.status = "shipped";
    return order;
  });
}

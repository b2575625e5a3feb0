import { db, replica } from './db';

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'cancelled';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  totalCents: number;
  createdAt: Date;
  lines: OrderLine[];
}

const ORDER_COLUMNS = `o.id, o.user_id AS "userId", o.status, o.total_cents AS "totalCents",
  o.created_at AS "createdAt",
  COALESCE(json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity,
    'unitPriceCents', l.unit_price_cents)) FILTER (WHERE l.sku IS NOT NULL), '[]') AS lines`;

export async function findOrder(id: string): Promise<Order | null> {
  const { rows } = await replica.query<Order>(
    `SELECT ${ORDER_COLUMNS}
       FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
      WHERE o.id = $1
      GROUP BY o.id`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listOrdersForUser(userId: string, limit = 20): Promise<Order[]> {
  const { rows } = await replica.query<Order>(
    `SELECT ${ORDER_COLUMNS}
       FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
      WHERE o.user_id = $1
      GROUP BY o.id
      ORDER BY o.created_at DESC
      LIMIT $2`,
    [userId, Math.min(limit, 100)],
  );
  return rows;
}

export async function createOrder(userId: string, lines: OrderLine[]): Promise<Order> {
  const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<Omit<Order, 'lines'>>(
      `INSERT INTO orders (user_id, status, total_cents)
       VALUES ($1, 'pending', $2)
       RETURNING id, user_id AS "userId", status, total_cents AS "totalCents",
                 created_at AS "createdAt"`,
      [userId, totalCents],
    );
    const order = rows[0]!;
    await client.query(
      `INSERT INTO order_lines (order_id, sku, quantity, unit_price_cents)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[])`,
      [
        order.id,
        lines.map((line) => line.sku),
        lines.map((line) => line.quantity),
        lines.map((line) => line.unitPriceCents),
      ],
    );
    await client.query('COMMIT');
    return { ...order, lines };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

import { LRUCache } from 'lru-cache';
import { replica } from '../data/db';
import { redis } from './redis';

export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  categoryId: string;
  stock: number;
}

export interface CategoryNode {
  id: string;
  name: string;
  children: CategoryNode[];
}

const PRODUCT_TTL_SECONDS = 300;

export async function getProduct(sku: string): Promise<Product | null> {
  const key = `product:${sku}`;
  const cached = await redis.get(key);
  if (cached) return JSON.parse(cached) as Product;

  // Stock is summed over every warehouse, which is what makes this query slow.
  const { rows } = await replica.query<Product>(
    `SELECT p.sku, p.name, p.price_cents AS "priceCents", p.category_id AS "categoryId",
            COALESCE(SUM(s.available), 0)::int AS stock
       FROM products p LEFT JOIN stock_levels s ON s.sku = p.sku
      WHERE p.sku = $1
      GROUP BY p.sku`,
    [sku],
  );
  const product = rows[0] ?? null;
  if (product) {
    await redis.set(key, JSON.stringify(product), 'EX', PRODUCT_TTL_SECONDS);
  }
  return product;
}

const CATEGORY_TTL_MS = 10 * 60_000;
const CATEGORY_TTL_JITTER_MS = 2 * 60_000;

// Category trees change a few times a day and every listing page needs one. lru-cache runs
// one fetchMethod per key at a time; concurrent callers share its promise.
const categoryTrees = new LRUCache<string, CategoryNode>({
  max: 500,
  ttl: CATEGORY_TTL_MS,
  fetchMethod: async (rootId, _stale, { options }) => {
    options.ttl = CATEGORY_TTL_MS + Math.floor(Math.random() * CATEGORY_TTL_JITTER_MS);
    const { rows } = await replica.query<{ id: string; name: string; parentId: string | null }>(
      `WITH RECURSIVE tree AS (
         SELECT id, name, parent_id FROM categories WHERE id = $1
         UNION ALL
         SELECT c.id, c.name, c.parent_id FROM categories c JOIN tree t ON c.parent_id = t.id
       )
       SELECT id, name, parent_id AS "parentId" FROM tree`,
      [rootId],
    );
    return buildTree(rootId, rows);
  },
});

export function getCategoryTree(rootId: string): Promise<CategoryNode | undefined> {
  return categoryTrees.fetch(rootId);
}

function buildTree(
  rootId: string,
  rows: { id: string; name: string; parentId: string | null }[],
): CategoryNode | undefined {
  const nodes = new Map(
    rows.map((row) => [row.id, { id: row.id, name: row.name, children: [] as CategoryNode[] }]),
  );
  for (const row of rows) {
    if (row.parentId && row.id !== rootId) {
      nodes.get(row.parentId)?.children.push(nodes.get(row.id)!);
    }
  }
  return nodes.get(rootId);
}

import { pathToFileURL } from 'node:url';
import { isAxiosError } from 'axios';
import { db } from '../data/db';
import { api } from '../http/client';
import { warehouse } from '../http/legacy-client';
import { sleep, withRetry } from './backoff';

// Runs every five minutes from cron: copies stock levels from the warehouse system into
// Postgres and tells the storefront which SKUs changed.

interface StockLevel {
  sku: string;
  warehouseId: string;
  available: number;
}

const PAGE_SIZE = 500;

async function fetchStockPage(page: number): Promise<StockLevel[]> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const { data } = await warehouse.get<StockLevel[]>('/v2/stock', {
        params: { page, size: PAGE_SIZE },
      });
      return data;
    } catch (err) {
      console.warn(`stock page ${page} failed (attempt ${attempt + 1})`, err);
      await sleep(1000);
    }
  }
  throw new Error(`warehouse stock page ${page} unavailable after 5 attempts`);
}

async function saveLevels(levels: StockLevel[]): Promise<void> {
  await db.query(
    `INSERT INTO stock_levels (sku, warehouse_id, available, synced_at)
     SELECT sku, warehouse_id, available, now()
       FROM unnest($1::text[], $2::text[], $3::int[]) AS t(sku, warehouse_id, available)
     ON CONFLICT (sku, warehouse_id)
     DO UPDATE SET available = EXCLUDED.available, synced_at = EXCLUDED.synced_at`,
    [levels.map((l) => l.sku), levels.map((l) => l.warehouseId), levels.map((l) => l.available)],
  );
}

const isTransient = (err: unknown) =>
  isAxiosError(err) && (!err.response || err.response.status >= 500);

async function publishChanges(levels: StockLevel[]): Promise<void> {
  const skus = [...new Set(levels.map((l) => l.sku))];
  await withRetry(() => api.post('/storefront/stock-changes', { skus }), {
    attempts: 4,
    shouldRetry: isTransient,
  });
}

export async function syncInventory(): Promise<number> {
  let page = 0;
  let synced = 0;
  while (true) {
    const levels = await fetchStockPage(page++);
    if (levels.length > 0) {
      await saveLevels(levels);
      await publishChanges(levels);
      synced += levels.length;
    }
    if (levels.length < PAGE_SIZE) return synced;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  syncInventory()
    .then((count) => console.log(`synced ${count} stock levels`))
    .catch((err) => {
      console.error('inventory sync failed', err);
      process.exitCode = 1;
    })
    .finally(() => db.end());
}

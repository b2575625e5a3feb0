import type { Request, Response } from 'express';
import { api } from '../http/client';
import { httpPostJson } from '../http/wrapper';
import { backoffMs, sleep } from '../jobs/backoff';

interface BroadcastBody {
  userIds: string[];
  template: string;
  data?: Record<string, unknown>;
}

interface DigestBody {
  userIds: string[];
  digestId: string;
}

export interface OrderEvent {
  id: string;
  type: 'order.created' | 'order.paid' | 'order.cancelled';
  orderId: string;
  occurredAt: string;
}

const DIGEST_BATCH_SIZE = 10;
const RESTOCK_PUSH_LIMIT = 10;
const WEBHOOK_TIMEOUT_MS = 10_000;

// Admin UI: push a campaign to the users of a segment.
export async function sendBroadcast(req: Request<unknown, unknown, BroadcastBody>, res: Response) {
  const { template, data } = req.body;
  await Promise.all(
    req.body.userIds.map((userId) => api.post('/notifications/push', { userId, template, data })),
  );
  res.status(202).json({ queued: req.body.userIds.length });
}

// Admin UI: e-mail a digest. Batches keep us at DIGEST_BATCH_SIZE requests in flight.
export async function sendDigest(req: Request<unknown, unknown, DigestBody>, res: Response) {
  const { userIds, digestId } = req.body;
  let sent = 0;
  for (let i = 0; i < userIds.length; i += DIGEST_BATCH_SIZE) {
    const batch = userIds.slice(i, i + DIGEST_BATCH_SIZE);
    await Promise.all(
      batch.map((userId) => api.post('/notifications/email', { userId, digestId })),
    );
    sent += batch.length;
  }
  res.status(202).json({ sent });
}

// The first few people on a wait-list get a push; the hourly digest tells the rest.
export async function notifyRestock(sku: string, waitlist: string[]): Promise<void> {
  await Promise.all(
    waitlist
      .slice(0, RESTOCK_PUSH_LIMIT)
      .map((userId) =>
        api.post('/notifications/push', { userId, template: 'restock', data: { sku } }),
      ),
  );
}

// Partners reconcile their books from these events, so a lost one means a support ticket.
export async function deliverWebhook(url: string, event: OrderEvent): Promise<void> {
  let attempt = 0;
  while (true) {
    try {
      await httpPostJson(url, event, WEBHOOK_TIMEOUT_MS);
      return;
    } catch (err) {
      attempt++;
      console.warn(`webhook ${event.id} to ${url} failed (attempt ${attempt})`, err);
      await sleep(backoffMs(attempt));
    }
  }
}

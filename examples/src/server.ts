import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { getCategoryTree, getProduct } from './cache/products';
import { getUserProfile } from './cache/users';
import { createOrder, findOrder, listOrdersForUser, type OrderLine } from './data/orders';
import { deliverWebhook, sendBroadcast, sendDigest } from './routes/notify';
import { getPromotions, quotePrices } from './services/pricing';
import { getShippingRates } from './services/shipping';

declare global {
  namespace Express {
    interface Request {
      /** Aborted when the client goes away before the response is sent. */
      signal: AbortSignal;
    }
  }
}

const SEARCH_URL = process.env.SEARCH_URL ?? 'http://search.internal.example.com';
const SEARCH_TIMEOUT_MS = 1_500;
const ORDER_WEBHOOK_URL = process.env.ORDER_WEBHOOK_URL;

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
  handler(req, res).catch(next);
};

const app = express();
app.use(express.json({ limit: '256kb' }));
app.use((req, res, next) => {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  req.signal = controller.signal;
  next();
});

app.get(
  '/healthz',
  route(async (_req, res) => {
    // goodput-ignore-next-line require-timeout -- health probe, the load balancer times it out
    const search = await fetch(`${SEARCH_URL}/healthz`);
    res.status(search.ok ? 200 : 503).json({ search: search.status });
  }),
);

app.get(
  '/products/:sku',
  route(async (req, res) => {
    const { sku } = req.params;
    const [product, promotions] = await Promise.all([getProduct(sku), getPromotions(sku)]);
    if (!product) {
      res.status(404).json({ error: 'unknown sku' });
      return;
    }
    res.json({ ...product, promotions });
  }),
);

app.get(
  '/categories/:id',
  route(async (req, res) => {
    const tree = await getCategoryTree(req.params.id);
    res.status(tree ? 200 : 404).json(tree ?? { error: 'unknown category' });
  }),
);

app.get(
  '/search',
  route(async (req, res) => {
    const q = String(req.query.q ?? '');
    const response = await fetch(`${SEARCH_URL}/query?q=${encodeURIComponent(q)}&limit=24`, {
      signal: AbortSignal.any([req.signal, AbortSignal.timeout(SEARCH_TIMEOUT_MS)]),
    });
    res.status(response.status).json(await response.json());
  }),
);

app.get(
  '/me',
  route(async (req, res) => {
    const userId = req.header('x-user-id') ?? '';
    const [profile, orders] = await Promise.all([
      getUserProfile(userId),
      listOrdersForUser(userId, 10),
    ]);
    res.json({ profile, orders });
  }),
);

app.post(
  '/checkout/quote',
  route(async (req, res) => {
    const { lines, postalCode, currency, weightGrams } = req.body as {
      lines: OrderLine[];
      postalCode: string;
      currency: string;
      weightGrams: number;
    };
    const skus = lines.map((line) => line.sku);
    const [prices, shipping] = await Promise.all([
      quotePrices(skus, currency),
      getShippingRates(postalCode, weightGrams),
    ]);
    res.json({ prices, shipping });
  }),
);

app.get(
  '/orders/:id',
  route(async (req, res) => {
    const order = await findOrder(req.params.id);
    res.status(order ? 200 : 404).json(order ?? { error: 'unknown order' });
  }),
);

app.post(
  '/orders',
  route(async (req, res) => {
    const order = await createOrder(req.header('x-user-id') ?? '', req.body.lines);
    if (ORDER_WEBHOOK_URL) {
      const event = { id: randomUUID(), type: 'order.created', orderId: order.id } as const;
      void deliverWebhook(ORDER_WEBHOOK_URL, { ...event, occurredAt: new Date().toISOString() });
    }
    res.status(201).json(order);
  }),
);

app.post('/admin/broadcasts', route(sendBroadcast));
app.post('/admin/digests', route(sendDigest));

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`shop-api listening on :${port}`));

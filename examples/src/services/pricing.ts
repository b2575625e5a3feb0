import axios from 'axios';

const PRICING_URL = process.env.PRICING_URL ?? 'https://pricing.partner.example.com';
const FX_URL = process.env.FX_URL ?? 'https://fx.partner.example.com';

// Promotions only decorate the product page; it renders without them.
const PROMOTIONS_TIMEOUT_MS = 800;

export interface PriceQuote {
  sku: string;
  priceCents: number;
  currency: string;
  validUntil: string;
}

export interface Promotion {
  id: string;
  label: string;
  percentOff: number;
}

export async function quotePrices(skus: string[], currency: string): Promise<PriceQuote[]> {
  const { data } = await axios.post<PriceQuote[]>(
    `${PRICING_URL}/v1/quotes`,
    { skus, currency },
    { headers: { authorization: `Bearer ${process.env.PRICING_TOKEN}` } },
  );
  return data;
}

export async function getExchangeRate(from: string, to: string): Promise<number> {
  const { data } = await axios.get<{ rate: number }>(`${FX_URL}/v1/rates/${from}/${to}`);
  return data.rate;
}

export async function getPromotions(sku: string): Promise<Promotion[]> {
  try {
    const { data } = await axios.get<Promotion[]>(`${PRICING_URL}/v1/promotions/${sku}`, {
      timeout: PROMOTIONS_TIMEOUT_MS,
    });
    return data;
  } catch {
    return [];
  }
}

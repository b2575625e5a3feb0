import pRetry from 'p-retry';
import { HttpError, httpGetJson } from '../http/wrapper';

const CARRIER_URL = process.env.CARRIER_URL ?? 'https://api.carrier.example.com';

export interface Address {
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface ShippingRate {
  service: 'ground' | 'express';
  amountCents: number;
  etaDays: number;
}

export interface Label {
  trackingNumber: string;
  labelUrl: string;
}

export interface CarrierStatus {
  operational: boolean;
  message?: string;
}

export interface TrackingEvent {
  at: string;
  status: string;
  location: string;
}

// 4xx means the address or parcel is wrong; asking again will not change the answer.
const isRetryable = (err: unknown) => !(err instanceof HttpError && err.status < 500);

export async function getShippingRates(
  postalCode: string,
  weightGrams: number,
): Promise<ShippingRate[]> {
  const url = `${CARRIER_URL}/v1/rates?postal=${encodeURIComponent(postalCode)}&grams=${weightGrams}`;
  return pRetry(() => httpGetJson<ShippingRate[]>(url), {
    retries: 4,
    shouldRetry: isRetryable,
  });
}

export async function getTracking(trackingNumber: string): Promise<TrackingEvent[]> {
  return pRetry(
    () => httpGetJson<TrackingEvent[]>(`${CARRIER_URL}/v1/tracking/${trackingNumber}`),
    {
      retries: 3,
      minTimeout: 250,
      maxTimeout: 4_000,
      randomize: true,
      shouldRetry: isRetryable,
    },
  );
}

export async function createLabel(
  orderId: string,
  to: Address,
  weightGrams: number,
): Promise<Label> {
  const response = await fetch(`${CARRIER_URL}/v1/labels`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${process.env.CARRIER_TOKEN}`,
      'idempotency-key': `label-${orderId}`,
    },
    body: JSON.stringify({ reference: orderId, to, weightGrams }),
  });
  if (!response.ok) throw new HttpError(response.status, response.url);
  return (await response.json()) as Label;
}

export async function getCarrierStatus(): Promise<CarrierStatus> {
  const response = await fetch(`${CARRIER_URL}/v1/status`);
  return (await response.json()) as CarrierStatus;
}

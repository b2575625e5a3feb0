import http from 'node:http';
import axios from 'axios';
import axiosRetry, { isNetworkOrIdempotentRequestError } from 'axios-retry';

// The warehouse system predates the gateway: plain HTTP on the internal network, and it
// resets connections while its nightly batch runs, hence the retries.
export const warehouse = axios.create({
  baseURL: process.env.WAREHOUSE_URL ?? 'http://warehouse.internal.example.com:8080',
  httpAgent: new http.Agent({ keepAlive: true }),
  headers: { 'x-api-key': process.env.WAREHOUSE_API_KEY ?? '' },
});

axiosRetry(warehouse, {
  retries: 3,
  retryCondition: (error) =>
    isNetworkOrIdempotentRequestError(error) || error.response?.status === 429,
});

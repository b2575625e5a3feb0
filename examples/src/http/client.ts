import https from 'node:https';
import axios from 'axios';

// Everything behind the API gateway shares one keep-alive pool. The socket cap keeps a slow
// gateway from collecting thousands of open connections from a single instance.
const gatewayAgent = new https.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });

export const GATEWAY_TIMEOUT_MS = 5_000;

export const api = axios.create({
  baseURL: process.env.GATEWAY_URL ?? 'https://gateway.internal.example.com',
  timeout: GATEWAY_TIMEOUT_MS,
  httpsAgent: gatewayAgent,
  headers: { 'user-agent': 'shop-api/0.3' },
});

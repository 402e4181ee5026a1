import { request as httpRequest } from 'node:http';

export interface LoginAnswer {
  status: number;
  ms: number;
}

/** One login over a fresh connection from a chosen loopback address (127.0.0.0/8), timed. */
export function loginFrom(baseUrl: string, from: string, username: string, password: string): Promise<LoginAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const { hostname, port } = new URL(baseUrl);
    const body = JSON.stringify({ username, password });
    const req = httpRequest(
      {
        host: hostname,
        port,
        path: '/api/auth/login',
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface FloodResult {
  unhurriedMs: number;
  duringFloodMs: number;
  duringFloodStatus: number;
  flood: LoginAnswer[];
}

/** 100 wrong logins with random usernames from one address, and a correct one from another meanwhile. */
export async function loginDuringFlood(
  baseUrl: string,
  username: string,
  password: string,
  floodSize = 100,
): Promise<FloodResult> {
  const unhurried: number[] = [];
  for (let i = 0; i < 3; i++) unhurried.push((await loginFrom(baseUrl, '127.0.0.3', username, password)).ms);
  const flood = Array.from({ length: floodSize }, (_, i) =>
    loginFrom(baseUrl, '127.0.0.1', `guess-${i}-${Math.random().toString(36).slice(2)}`, 'wrong-password'),
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  const staff = await loginFrom(baseUrl, '127.0.0.2', username, password);
  return {
    unhurriedMs: unhurried.sort((a, b) => a - b)[1] ?? 0,
    duringFloodMs: staff.ms,
    duringFloodStatus: staff.status,
    flood: await Promise.all(flood),
  };
}

import { expect } from 'vitest';
import type { Requester } from './http-client.js';

export interface WriterTarget {
  http: Requester;
  baseUrl: string;
  /** A supervisor's session: it may correct files and scan signed copies in. */
  cookie: string;
  projectId: string;
  roundId: string;
}

/** Two more clients besides the desks: file corrections, and the signed copies of agreements scanned back in. */
export function startBackgroundWriters(
  { http, baseUrl, cookie, projectId, roundId }: WriterTarget,
  stop: { now: boolean },
): Promise<number>[] {
  const corrections = (async () => {
    const ids = (
      await http.inject({ method: 'GET', url: `/api/projects/${projectId}/households?limit=20`, headers: { cookie } })
    )
      .json<{ items: { id: string }[] }>()
      .items.map((h) => h.id);
    let writes = 0;
    while (!stop.now) {
      const id = ids[writes % ids.length] ?? '';
      const res = await http.inject({
        method: 'PATCH',
        url: `/api/households/${id}`,
        headers: { cookie },
        payload: { notes: `演练更正 ${writes}`, reason: '备份演练中的档案更正' },
      });
      expect(res.statusCode).toBe(200);
      writes += 1;
    }
    return writes;
  })();
  const scanning = (async () => {
    let scanned = 0;
    while (!stop.now) {
      const agreements = (
        await http.inject({ method: 'GET', url: `/api/rounds/${roundId}/agreements`, headers: { cookie } })
      ).json<{ id: string; signedCopy: object | null }[]>();
      const next = agreements.find((a) => a.signedCopy === null);
      if (!next) await new Promise((resolve) => setTimeout(resolve, 100));
      else {
        // The printed PDF itself stands in for the scan of the signed paper.
        const printed = await fetch(new URL(`/api/agreements/${next.id}/pdf`, baseUrl), { headers: { cookie } });
        expect(printed.status).toBe(200);
        const body = Buffer.from(await printed.arrayBuffer());
        const upload = await http.inject({
          method: 'POST',
          url: `/api/agreements/${next.id}/signed-copy`,
          headers: { cookie, 'content-type': 'application/pdf' },
          payload: body,
        });
        expect(upload.statusCode, upload.body).toBe(200);
        scanned += 1;
      }
    }
    return scanned;
  })();
  return [corrections, scanning];
}

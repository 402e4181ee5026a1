import type { FastifyInstance } from 'fastify';

/** Types a scan or photo of a signed paper may arrive as; its real type is judged from its bytes, not from this header. */
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/** The body arrives raw (a Buffer) for these types, in this route module only, up to `maxBytes` + 1 so the service can say the limit. */
export function acceptRawBodies(app: FastifyInstance, types: readonly string[], maxBytes: number): void {
  for (const type of types)
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: maxBytes + 1 }, (_r, body, done) =>
      done(null, body),
    );
}

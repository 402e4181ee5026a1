import { createHash } from 'node:crypto';
import type { Answer } from '../http-client.js';
import { type CrashingServer, OutcomeUnknown } from './crashing-server.js';
import type { Ledger } from './ledger.js';
import { type Prng, sleep } from './prng.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface AgreementSummary {
  id: string;
  number: string;
  status: string;
  pdfSha256: string | null;
  replacesId: string | null;
}

/**
 * The agreement's PDF, asked until answered. What was served is recorded: after any later kill the
 * agreement must still hold exactly these bytes. A voided agreement never printed is refused (409).
 */
export async function fetchPdf(
  server: CrashingServer,
  ledger: Ledger,
  cookie: string,
  agreementId: string,
): Promise<boolean> {
  for (;;) {
    try {
      // Only a first rendering is PDF issuing; serving stored bytes again is a plain read.
      const pdf = await server.fetchBytes(
        ledger.pdfs.has(agreementId) ? 'other' : 'pdf',
        `/api/agreements/${agreementId}/pdf`,
        cookie,
      );
      if (pdf.statusCode === 409) return false;
      if (pdf.statusCode !== 200)
        throw new Error(`PDF of ${agreementId}: ${pdf.statusCode} ${pdf.bytes.toString('utf8')}`);
      const sha = sha256(pdf.bytes);
      if (pdf.etag !== `"${sha}"`) throw new Error(`PDF of ${agreementId}: etag ${pdf.etag} but bytes hash to ${sha}`);
      const earlier = ledger.pdfs.get(agreementId);
      if (earlier && earlier !== sha) throw new Error(`PDF of ${agreementId} changed from ${earlier} to ${sha}`);
      ledger.pdfs.set(agreementId, sha);
      return true;
    } catch (err) {
      if (!(err instanceof OutcomeUnknown)) throw err;
      await server.whenBack();
    }
  }
}

/** A scanned signed copy as a phone app would send it: a small, complete PDF, different each time. */
/** Ten page objects: at least as many pages as any agreement, as a signed copy must have. */
function signedScan(tag: string): Buffer {
  const pages = Array.from({ length: 10 }, (_, i) => `${i + 2} 0 obj << /Type /Page >> endobj\n`).join('');
  return Buffer.from(`%PDF-1.4\n% signed copy ${tag}\n1 0 obj <<>> endobj\n${pages}trailer <<>>\n%%EOF\n`, 'latin1');
}

/**
 * A supervisor's and a clerk's work on agreements beside the desks: replacing agreements (a new
 * number, its PDF rendered in the request), printing, batch print jobs and signed-copy uploads.
 */
export class PdfLoad {
  private stopped = false;
  private uploads = 0;

  constructor(
    private readonly server: CrashingServer,
    private readonly ledger: Ledger,
    private readonly prng: Prng,
    private readonly roundId: string,
    private readonly cookies: { supervisor: string; clerk: string },
  ) {}

  stop(): void {
    this.stopped = true;
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      const live = (await this.list()).filter((a) => a.status !== 'voided');
      if (live.length === 0) {
        await sleep(200);
        continue;
      }
      const target = this.prng.pick(live);
      const roll = this.prng.next();
      if (roll < 0.45) await this.regenerate(target);
      else if (roll < 0.7) await fetchPdf(this.server, this.ledger, this.cookies.supervisor, target.id);
      else if (roll < 0.9) await this.uploadSignedCopy(target);
      else await this.printJob();
      // Rendering is the heaviest work the server does: paced like one busy supervisor, not a flood.
      await sleep(this.prng.between(300, 1000));
    }
  }

  /** Every agreement in force gets its PDF: the sweep at the end of the day. */
  async printAll(): Promise<number> {
    const live = (await this.list()).filter((a) => a.status !== 'voided');
    for (const agreement of live) {
      if (!(await fetchPdf(this.server, this.ledger, this.cookies.supervisor, agreement.id)))
        throw new Error(`agreement ${agreement.number} in force but its PDF is refused`);
    }
    return live.length;
  }

  private async list(): Promise<AgreementSummary[]> {
    const answer = await this.server.sendUntilAnswered('other', {
      method: 'GET',
      url: `/api/rounds/${this.roundId}/agreements`,
      headers: { cookie: this.cookies.supervisor },
    });
    if (answer.statusCode !== 200) throw new Error(`agreements: ${answer.statusCode} ${answer.body}`);
    return answer.json<AgreementSummary[]>();
  }

  private async regenerate(old: AgreementSummary): Promise<void> {
    const request = {
      method: 'POST' as const,
      url: `/api/agreements/${old.id}/regenerate`,
      headers: { cookie: this.cookies.supervisor },
      payload: { reason: '户主姓名录入有误，重新出具' },
    };
    let answer: Answer;
    try {
      answer = await this.server.send('pdf', request);
    } catch (err) {
      if (!(err instanceof OutcomeUnknown)) throw err;
      await this.server.whenBack();
      // Killed mid-way: either nothing happened, or the new number exists, maybe still without its PDF.
      const successor = (await this.list()).find((a) => a.replacesId === old.id);
      if (successor) {
        this.ledger.agreements.push({ id: successor.id, number: successor.number });
        this.ledger.voided.add(old.id);
        await fetchPdf(this.server, this.ledger, this.cookies.supervisor, successor.id);
      }
      return;
    }
    // Only this client voids agreements, so a refusal here is a fault.
    if (answer.statusCode !== 200) throw new Error(`regenerate ${old.number}: ${answer.statusCode} ${answer.body}`);
    const fresh = answer.json<AgreementSummary>();
    if (!fresh.pdfSha256) throw new Error(`regenerated ${fresh.number} answered without its PDF`);
    this.ledger.agreements.push({ id: fresh.id, number: fresh.number });
    this.ledger.pdfs.set(fresh.id, fresh.pdfSha256);
    this.ledger.voided.add(old.id);
  }

  private async uploadSignedCopy(agreement: AgreementSummary): Promise<void> {
    this.uploads += 1;
    const scan = signedScan(`${agreement.number}-${this.uploads}`);
    const request = {
      method: 'POST' as const,
      url: `/api/agreements/${agreement.id}/signed-copy`,
      headers: { cookie: this.cookies.clerk, 'content-type': 'application/pdf' },
      payload: scan,
    };
    try {
      const answer = await this.server.send('other', request);
      if (answer.statusCode !== 200)
        throw new Error(`signed copy of ${agreement.number}: ${answer.statusCode} ${answer.body}`);
      this.ledger.signedCopies.set(agreement.id, sha256(scan));
    } catch (err) {
      if (!(err instanceof OutcomeUnknown)) throw err;
      // Outcome unknown: a later upload to the same agreement replaces it either way.
      this.ledger.signedCopies.delete(agreement.id);
      await this.server.whenBack();
    }
  }

  /** A batch print job renders in the background; a restart loses it, and it is simply started again. */
  private async printJob(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = await this.server.sendUntilAnswered('other', {
        method: 'POST',
        url: `/api/rounds/${this.roundId}/agreements/print`,
        headers: { cookie: this.cookies.supervisor },
      });
      if (started.statusCode !== 202) throw new Error(`print job: ${started.statusCode} ${started.body}`);
      const jobId = started.json<{ id: string }>().id;
      for (;;) {
        await sleep(100);
        const job = await this.server.sendUntilAnswered('other', {
          method: 'GET',
          url: `/api/print-jobs/${jobId}`,
          headers: { cookie: this.cookies.supervisor },
        });
        if (job.statusCode === 404) break;
        const state = job.json<{ status: string; error: string | null }>();
        if (state.status === 'done') return;
        if (state.status === 'failed') throw new Error(`print job failed: ${state.error}`);
      }
    }
  }
}

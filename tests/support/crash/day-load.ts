import type { Stage } from '../../../src/checkin/stages.js';
import { formForStage, type HouseholdFile } from '../day-driver.js';
import type { Answer } from '../http-client.js';
import type { DayPlan } from './crash-setup.js';
import { type CrashingServer, OutcomeUnknown } from './crashing-server.js';
import type { Ledger } from './ledger.js';
import { fetchPdf } from './pdf-load.js';
import { type Prng, sleep } from './prng.js';

const CHECKLIST = ['户口簿', '居民身份证', '征收补偿协议', '房屋腾空交付确认书'];

type Desk = DayPlan['desks'][number];

interface StageAnswer {
  recordId: string;
  workflowId: string;
  stage: Stage;
  outcome: string;
  data: { unitId?: string; selectionId?: string; agreementId?: string; agreementNumber?: string };
}

/**
 * The allocation day as the hall runs it: the door opens a batch once the one before has passed
 * the first desk and signs its households in; six desks call and serve in parallel. Every answer
 * lost to a kill is asked again after the restart.
 */
export class DayLoad {
  private readonly files: Map<string, HouseholdFile>;

  constructor(
    private readonly server: CrashingServer,
    private readonly ledger: Ledger,
    private readonly plan: DayPlan,
    private readonly prng: Prng,
  ) {
    this.files = new Map(plan.order.map((f) => [f.id, f]));
  }

  get households(): number {
    return this.plan.order.length;
  }

  /** Stage completions the whole day needs. */
  get stagesInDay(): number {
    return this.households * this.plan.desks.length;
  }

  done(): boolean {
    return this.ledger.stageCount('keyHandover') >= this.households;
  }

  run(chief: string): Promise<unknown> {
    return Promise.all([this.door(chief), ...this.plan.desks.map((desk) => this.serve(desk))]);
  }

  private async ok(desk: { cookie: string }, method: 'GET' | 'POST', url: string, payload?: object): Promise<Answer> {
    const answer = await this.server.sendUntilAnswered('stage', {
      method,
      url,
      headers: { cookie: desk.cookie },
      ...(payload ? { payload } : {}),
    });
    if (answer.statusCode >= 300) throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body}`);
    return answer;
  }

  private async door(chief: string): Promise<void> {
    const { batchSize, order, roundId } = this.plan;
    const batches = Math.ceil(order.length / batchSize);
    for (let batch = 1; batch <= batches; batch++) {
      while (this.ledger.stageCount('documentReview') < (batch - 1) * batchSize) {
        await sleep(100);
        await this.server.whenBack();
      }
      await this.ok({ cookie: chief }, 'POST', `/api/rounds/${roundId}/batches`, { number: batch });
      for (const file of order.slice((batch - 1) * batchSize, batch * batchSize)) {
        // Signing in again is answered with the same workflow, so a lost answer is simply asked again.
        const arrival = (
          await this.ok({ cookie: chief }, 'POST', `/api/rounds/${roundId}/arrivals`, { by: 'code', value: file.code })
        ).json<{ code: string }>();
        if (arrival.code !== file.code) throw new Error(`arrival of ${file.code} answered for ${arrival.code}`);
      }
    }
  }

  private async serve(desk: Desk): Promise<void> {
    while (this.ledger.stageCount(desk.stage) < this.households) {
      const call = await this.server.sendUntilAnswered('stage', {
        method: 'POST',
        url: `/api/rounds/${this.plan.roundId}/calls`,
        headers: { cookie: desk.cookie },
      });
      if (call.statusCode !== 200) throw new Error(`call at ${desk.stage}: ${call.statusCode} ${call.body}`);
      const called = call.json<{ workflowId: string; householdId: string } | null>();
      if (!called) {
        // An idle desk asks again soon, but not so often that polling crowds out the work.
        await sleep(this.prng.between(100, 250));
        continue;
      }
      await sleep(this.prng.between(0, 40));
      const form = await this.formFor(desk, called.householdId);
      const done = await this.complete(desk, called.workflowId, form);
      if (done.stage === 'signing' && done.data.agreementId)
        await fetchPdf(this.server, this.ledger, desk.cookie, done.data.agreementId);
    }
  }

  private async formFor(desk: Desk, householdId: string): Promise<object> {
    const file = this.files.get(householdId);
    if (!file) throw new Error(`called an unknown household ${householdId}`);
    return formForStage(desk.stage, file, CHECKLIST, async () => {
      const options = (
        await this.ok(desk, 'GET', `/api/rounds/${this.plan.roundId}/households/${householdId}/options`)
      ).json<{ unitId: string; allowed: boolean }[]>();
      const fit = options.find((o) => o.allowed);
      if (!fit) throw new Error(`no flat allowed for ${file.code}`);
      return fit.unitId;
    });
  }

  /** The same Idempotency-Key on every try: a kill after the commit must not yield a second record. */
  private async complete(desk: Desk, workflowId: string, form: object): Promise<StageAnswer> {
    const key = `crash-${desk.stage}-${workflowId}`;
    let lostAnswer = false;
    for (;;) {
      let answer: Answer;
      try {
        answer = await this.server.send('stage', {
          method: 'POST',
          url: `/api/workflows/${workflowId}/stages`,
          headers: { cookie: desk.cookie, 'idempotency-key': key },
          payload: { stage: desk.stage, form },
        });
      } catch (err) {
        if (!(err instanceof OutcomeUnknown)) throw err;
        lostAnswer = true;
        await this.server.whenBack();
        continue;
      }
      if (answer.statusCode !== 201 && answer.statusCode !== 200)
        throw new Error(`${desk.stage} of ${workflowId}: ${answer.statusCode} ${answer.body}`);
      // A plain 200 is only right for a request repeated after its first answer was lost.
      if (answer.statusCode === 200 && !lostAnswer)
        throw new Error(`${desk.stage} of ${workflowId} answered as a repeat on its first try`);
      if (lostAnswer) {
        this.ledger.retriedAfterCrash += 1;
        if (answer.statusCode === 200) this.ledger.lostStageAnswers.committedBeforeKill += 1;
        else this.ledger.lostStageAnswers.doneOnRetry += 1;
      }
      const done = answer.json<StageAnswer>();
      if (done.outcome !== 'completed') throw new Error(`${desk.stage} of ${workflowId} not completed: ${answer.body}`);
      this.ledger.stages.push({ workflowId, stage: desk.stage, recordId: done.recordId });
      const { selectionId, unitId, agreementId, agreementNumber } = done.data;
      if (desk.stage === 'selection' && selectionId && unitId)
        this.ledger.selections.push({ selectionId, unitId, householdId: this.householdOf(workflowId, answer) });
      if (desk.stage === 'signing' && agreementId && agreementNumber)
        this.ledger.agreements.push({ id: agreementId, number: agreementNumber });
      return done;
    }
  }

  private householdOf(workflowId: string, answer: Answer): string {
    const householdId = answer.json<{ householdId?: string }>().householdId;
    if (!householdId) throw new Error(`stage answer for ${workflowId} names no household`);
    return householdId;
  }
}

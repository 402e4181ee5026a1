import type { Stage } from '../../../src/checkin/stages.js';
import type { TestApp } from '../test-app.js';
import { expectAnswer, get, post, type Staff, type World } from './context.js';
import { CHECKLIST, setupSequence } from './fixture.js';
import type { Desk, HouseholdModel } from './model.js';
import { Rng } from './random.js';

/**
 * A hand-written day for the reproductions of the findings: the same fixture as the model run
 * (no flat before the day, no reserved floors), driven step by step without the random acts.
 */
export class Scenario {
  private constructor(readonly world: World) {}

  static async start(t: TestApp, staff: Staff, index: number, preassigned = 0): Promise<Scenario> {
    // The fixture's own coin for who is at the door is kept out: a scenario signs households in itself.
    const base = {
      t,
      staff,
      rng: new Rng(index),
      checklist: [],
      stats: new Map<string, number>(),
      trace: [`scenario ${index}`],
    };
    return new Scenario({
      ...base,
      ...(await setupSequence(base, index, { preassigned, priority: false, arrived: false })),
    });
  }

  household(position: number): HouseholdModel {
    const h = this.world.model.households.find((x) => x.position === position);
    if (!h) throw new Error(`no household #${position}`);
    return h;
  }

  desk(stage: Stage): Desk {
    const desk = this.world.model.desks.find((d) => d.stage === stage);
    if (!desk) throw new Error(`no desk for ${stage}`);
    return desk;
  }

  post(url: string, cookie: string, payload?: object) {
    return post(this.world, url, cookie, payload);
  }

  async arrive(h: HouseholdModel) {
    const res = await this.post(`/api/rounds/${this.world.roundId}/arrivals`, this.world.staff.supervisor, {
      by: 'code',
      value: h.code,
    });
    if (res.statusCode === 200) h.workflowId = res.json<{ workflowId: string }>().workflowId;
    return res;
  }

  /** 叫下一位 at the first desk of `stage`: the household called, or null. */
  async call(stage: Stage): Promise<string | null> {
    const res = await this.post(`/api/rounds/${this.world.roundId}/calls`, this.desk(stage).cookie);
    expectAnswer(this.world, `call ${stage}`, res, 200);
    return res.json<{ householdId: string } | null>()?.householdId ?? null;
  }

  async firstAllowedFlat(h: HouseholdModel): Promise<string> {
    const options = (
      await get(this.world, `/api/rounds/${this.world.roundId}/households/${h.id}/options`, this.world.staff.supervisor)
    ).json<{ unitId: string; allowed: boolean }[]>();
    return options.find((o) => o.allowed)?.unitId ?? '';
  }

  async complete(stage: Stage, h: HouseholdModel) {
    const forms: Record<Stage, () => Promise<object>> = {
      documentReview: async () => ({ presented: CHECKLIST }),
      idCheck: async () => ({ person: 'head', idNumber: h.headId }),
      selection: async () => ({ unitId: await this.firstAllowedFlat(h) }),
      signing: async () => ({}),
      propertyRegistration: async () => ({
        occupants: 1,
        phone: '13909310000',
        emergencyContact: { name: '张建国', phone: '13809311111' },
        feeStartDate: '2026-12-01',
      }),
      keyHandover: async () => ({ keys: 2, accessCards: 1, receiptNo: `R-${h.code}` }),
    };
    return this.post(`/api/workflows/${h.workflowId ?? ''}/stages`, this.desk(stage).cookie, {
      stage,
      form: await forms[stage](),
    });
  }

  /** Calls `h` to the desk of each stage in turn and completes it there. */
  async serve(h: HouseholdModel, ...stages: Stage[]): Promise<void> {
    for (const stage of stages) {
      const called = await this.call(stage);
      if (called !== h.id) throw new Error(`${stage} desk called ${called ?? 'nobody'}, not #${h.position}`);
      expectAnswer(this.world, `${stage} for #${h.position}`, await this.complete(stage, h), 201);
    }
  }

  /** The live completed stages of the household, from the rows. */
  async liveStages(h: HouseholdModel): Promise<string[]> {
    const rows = await this.world.t.deps.db
      .selectFrom('stageRecords')
      .select('stage')
      .where('householdId', '=', h.id)
      .where('outcome', '=', 'completed')
      .where('voidedAt', 'is', null)
      .execute();
    const order = ['documentReview', 'idCheck', 'selection', 'signing', 'propertyRegistration', 'keyHandover'];
    return rows.map((r) => r.stage).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
}

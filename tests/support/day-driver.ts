import type { Stage } from '../../src/checkin/stages.js';
import type { Role } from '../../src/shared/roles.js';
import type { Answer, Requester } from './http-client.js';

export interface HouseholdFile {
  id: string;
  code: string;
  headId: string;
  members: number;
}

export interface Desk {
  stage: Stage;
  cookie: string;
  number: string;
}

export type CallResponse = {
  workflowId: string;
  householdId: string;
  code: string;
  headName: string;
  position: number;
  batch: number;
} | null;

/** Who staffs each desk in the tests: the supervisor takes 选房 in person, as on the reference day. */
export const deskRoles = {
  documentReview: 'reviewer',
  idCheck: 'id_checker',
  selection: 'supervisor',
  signing: 'signing_clerk',
  propertyRegistration: 'property_clerk',
  keyHandover: 'key_keeper',
} as const satisfies Record<Stage, Role>;

/** What a desk fills in for a household that brings everything: the form each stage accepts. */
export async function formForStage(
  stage: Stage,
  file: HouseholdFile,
  checklist: string[],
  firstAllowedFlat: () => Promise<string>,
): Promise<object> {
  switch (stage) {
    case 'documentReview':
      return { presented: checklist };
    case 'idCheck':
      return { person: 'head', idNumber: file.headId };
    case 'selection':
      return { unitId: await firstAllowedFlat() };
    case 'signing':
      return {};
    case 'propertyRegistration':
      return {
        occupants: file.members,
        phone: '13909310000',
        emergencyContact: { name: '张建国', phone: '13809311111' },
        feeStartDate: '2026-12-01',
      };
    case 'keyHandover':
      return { keys: 3, accessCards: 2, receiptNo: `R-${file.code}` };
  }
}

/** Drives the day over HTTP the way the desks do: call the next household, fill the stage's form. */
export class DayDriver {
  readonly log: { stage: Stage; code: string; status: number }[] = [];

  constructor(
    private readonly app: Requester,
    private readonly roundId: string,
    private readonly desks: Desk[],
    private readonly files: Map<string, HouseholdFile>,
    private readonly checklist: string[],
  ) {}

  async request(
    method: 'GET' | 'POST',
    url: string,
    cookie: string,
    payload?: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    return this.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });
  }

  desk(stage: Stage): Desk {
    const desk = this.desks.find((d) => d.stage === stage);
    if (!desk) throw new Error(`no desk for ${stage}`);
    return desk;
  }

  async call(stage: Stage): Promise<{ status: number; call: CallResponse; body: { code?: string; message?: string } }> {
    const res = await this.request('POST', `/api/rounds/${this.roundId}/calls`, this.desk(stage).cookie);
    return {
      status: res.statusCode,
      call: res.statusCode === 200 ? res.json<CallResponse>() : null,
      body: res.json<{ code?: string; message?: string }>(),
    };
  }

  async defaultForm(stage: Stage, householdId: string): Promise<object> {
    const file = this.files.get(householdId);
    if (!file) throw new Error(`unknown household ${householdId}`);
    return formForStage(stage, file, this.checklist, async () => {
      const options = (
        await this.request(
          'GET',
          `/api/rounds/${this.roundId}/households/${householdId}/options`,
          this.desk('selection').cookie,
        )
      ).json() as { unitId: string; allowed: boolean }[];
      const first = options.find((o) => o.allowed);
      if (!first) throw new Error(`no flat allowed for ${file.code}`);
      return first.unitId;
    });
  }

  async complete(stage: Stage, workflowId: string, form: object, key?: string): Promise<Answer> {
    return this.request(
      'POST',
      `/api/workflows/${workflowId}/stages`,
      this.desk(stage).cookie,
      { stage, form },
      key ? { 'idempotency-key': key } : {},
    );
  }

  /**
   * Every desk calls and serves until none can: the day's steady state. `onTurnBlocked` is asked
   * what to do when the selection desk waits for a household that is not there.
   */
  async drain(stagesInOrder: readonly Stage[], onTurnBlocked: (message: string) => Promise<boolean>): Promise<number> {
    let served = 0;
    for (let progress = true; progress; ) {
      progress = false;
      for (const stage of stagesInOrder) {
        for (;;) {
          const { status, call, body } = await this.call(stage);
          if (status === 409 && body.code === 'NOT_YOUR_TURN' && (await onTurnBlocked(body.message ?? ''))) continue;
          if (status !== 200) throw new Error(`call at ${stage} failed: ${status} ${JSON.stringify(body)}`);
          if (!call) break;
          const res = await this.complete(stage, call.workflowId, await this.defaultForm(stage, call.householdId));
          this.log.push({ stage, code: call.code, status: res.statusCode });
          if (res.statusCode !== 201)
            throw new Error(`${stage} for ${call.code} failed: ${res.statusCode} ${res.body}`);
          served += 1;
          progress = true;
        }
      }
    }
    return served;
  }
}

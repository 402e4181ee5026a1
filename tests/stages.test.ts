import { describe, expect, it } from 'vitest';
import { callable, completionHistory, dayEntry, stageStats } from '../src/checkin/day-state.js';
import {
  householdStatus,
  nextStage,
  prerequisiteOf,
  type Stage,
  stageRefusal,
  stagesFrom,
} from '../src/checkin/stages.js';
import type { StageRecordRow, WorkflowRow } from '../src/db/schema.js';

const done = (...s: Stage[]) => new Set<Stage>(s);

describe('the stage machine', () => {
  it('runs the desks in order and skips 选房 for a flat assigned before the day', () => {
    expect(nextStage(done(), true)).toBe('documentReview');
    expect(nextStage(done('documentReview', 'idCheck'), true)).toBe('selection');
    expect(nextStage(done('documentReview', 'idCheck'), false)).toBe('signing');
    expect(prerequisiteOf('signing', false)).toBe('idCheck');
    expect(prerequisiteOf('signing', true)).toBe('selection');
    expect(
      nextStage(done('documentReview', 'idCheck', 'signing', 'propertyRegistration', 'keyHandover'), false),
    ).toBeNull();
  });

  it('refuses out of order, twice, or a selection that is not needed, with Chinese reasons', () => {
    expect(stageRefusal('idCheck', done(), true)).toMatchObject({
      kind: 'outOfOrder',
      missing: 'documentReview',
      message: '请先办理“材料审核”，再办理“身份信息核对”',
    });
    expect(stageRefusal('documentReview', done('documentReview'), true)).toMatchObject({ kind: 'done' });
    expect(stageRefusal('selection', done('documentReview', 'idCheck'), false)).toMatchObject({ kind: 'notNeeded' });
    expect(stageRefusal('signing', done('documentReview', 'idCheck'), false)).toBeNull();
  });

  it('names the household status after each stage, and what a reopen voids', () => {
    expect(householdStatus(done(), true)).toBe('arrived');
    expect(householdStatus(done('documentReview', 'idCheck'), true)).toBe('idChecked');
    expect(
      householdStatus(done('documentReview', 'idCheck', 'signing', 'propertyRegistration', 'keyHandover'), false),
    ).toBe('done');
    expect(stagesFrom('propertyRegistration')).toEqual(['propertyRegistration', 'keyHandover']);
  });
});

const workflow = (id: string, batch: number, position: number, changes: Partial<WorkflowRow> = {}): WorkflowRow => ({
  id,
  roundId: 'r',
  householdId: `h-${id}`,
  batch,
  position,
  arrivedAt: '2026-11-27T01:00:00.000Z',
  absent: false,
  awayReason: null,
  awayStage: null,
  nextStage: null,
  calledStage: null,
  calledDesk: null,
  calledAt: null,
  calledBy: null,
  doneAt: null,
  ...changes,
});

const record = (
  workflowId: string,
  stage: Stage,
  calledAt: string,
  at: string,
  outcome = 'completed',
): StageRecordRow => ({
  id: `${workflowId}-${stage}-${at}`,
  workflowId,
  householdId: `h-${workflowId}`,
  stage,
  outcome,
  data: '{}',
  staffId: 's',
  staffName: 's',
  deskNumber: '1',
  calledAt,
  at,
  idempotencyKey: null,
  voidedAt: null,
  voidedBy: null,
  voidReason: null,
});

describe('the day derived from rows', () => {
  it('calls in batch and position order, skipping absent, called and unopened ones', () => {
    const entries = [
      dayEntry(workflow('a', 2, 13), [], false),
      dayEntry(workflow('b', 1, 5), [], false),
      dayEntry(workflow('c', 1, 2, { absent: true }), [], false),
      dayEntry(workflow('d', 1, 3, { calledStage: 'documentReview' }), [], false),
      dayEntry(workflow('e', 3, 30), [], false),
    ];
    expect(callable(entries, 'documentReview', new Set([1, 2])).map((e) => e.workflow.id)).toEqual(['b', 'a']);
  });

  it('measures minutes at the desk: average and p90', () => {
    const records = Array.from({ length: 10 }, (_, i) =>
      record(
        `w${i}`,
        'documentReview',
        '2026-11-27T02:00:00.000Z',
        new Date(Date.parse('2026-11-27T02:00:00.000Z') + (i + 1) * 60_000).toISOString(),
      ),
    );
    records.push(record('w0', 'idCheck', '2026-11-27T03:00:00.000Z', '2026-11-27T03:02:00.000Z', 'returned'));
    const stats = stageStats([], records);
    expect(stats.find((s) => s.stage === 'documentReview')).toMatchObject({
      completed: 10,
      avgMinutes: 5.5,
      p90Minutes: 9,
    });
    expect(stats.find((s) => s.stage === 'idCheck')).toMatchObject({ completed: 0, returned: 1, avgMinutes: 0 });
  });
});

describe('the progress chart from the records', () => {
  it('counts completions per stage over time, returns excluded, thinned to the limit', () => {
    const at = (minute: number) => new Date(Date.parse('2026-11-27T02:00:00.000Z') + minute * 60_000).toISOString();
    const records = [
      record('a', 'documentReview', at(0), at(1)),
      record('b', 'documentReview', at(1), at(2)),
      record('a', 'idCheck', at(2), at(3)),
      record('c', 'documentReview', at(3), at(4), 'returned'),
    ];
    expect(completionHistory(records)).toEqual([
      { t: Date.parse(at(1)), values: [1, 0, 0, 0, 0, 0] },
      { t: Date.parse(at(2)), values: [2, 0, 0, 0, 0, 0] },
      { t: Date.parse(at(3)), values: [2, 1, 0, 0, 0, 0] },
    ]);
    const many = Array.from({ length: 500 }, (_, i) => record(`w${i}`, 'documentReview', at(i), at(i + 1)));
    const thinned = completionHistory(many, 100);
    expect(thinned).toHaveLength(100);
    expect(thinned.at(-1)?.values[0]).toBe(500);
  });
});

import { describe, expect, it } from 'vitest';
import { startDay, useDayFixture } from './support/day-setup.js';

const f = useDayFixture();

interface Live {
  selections: { selectionId: string; unitId: string; unit: string }[];
  agreement: { id: string; number: string; status: string } | null;
}

// Pages read a household's flats and agreement from the domain, never by replaying audit rows.
describe('GET /api/rounds/:id/households/:householdId/workflow: the flats held and the live agreement', () => {
  it('answers none before 选房, then the chosen flat and the agreement number after signing, as the standing does', async () => {
    const day = await startDay(f, ['B7-061']);
    await day.arrive(1);
    const id = day.order[0]?.id ?? '';
    const url = (view: string) => `/api/rounds/${day.roundId}/households/${id}/${view}`;
    expect(await f.get<Live>(url('workflow'))).toMatchObject({ selections: [], agreement: null });

    for (const stage of ['documentReview', 'idCheck', 'selection', 'signing'] as const) await day.serve(stage, 1);
    const workflow = await f.get<Live>(url('workflow'));
    const standing = await f.get<Live>(url('standing'));
    expect(workflow.selections).toHaveLength(1);
    expect(workflow.selections[0]?.unit).toMatch(/^7#楼\d单元-?\d+室$/);
    expect(workflow.selections).toEqual(standing.selections.map((s) => expect.objectContaining(s)));
    expect(workflow.agreement).toEqual({ ...standing.agreement, status: 'issued' });
    expect(workflow.agreement?.number).toMatch(/\S/);
  });
});

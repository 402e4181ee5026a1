import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { auditActions } from '../src/audit/audit-actions.js';
import { shanghaiToday } from './support/anchor.js';
import { readAuditLog } from './support/audit.js';
import { CHECKLIST, type Day, startDay, useDayFixture } from './support/day-setup.js';
import { createProjectVia, householdBody } from './support/fixtures.js';
import { createBuilding, upload } from './support/import-api.js';
import { greyPng } from './support/png.js';
import { pdfOfPages } from './support/scan-pdf.js';
import { buildXlsx, idNumber } from './support/sheets.js';
import { TEST_PASSWORD } from './support/test-app.js';

/**
 * Every action of the audit list is written by a request, the way staff and residents cause it:
 * an action added without a way to reach it here, or listed but written by no code, fails the last test.
 */
const f = useDayFixture();

const send = (method: 'PATCH' | 'PUT' | 'GET', url: string, cookie: string, payload?: object) =>
  f.t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const expectStatus = (res: LightMyRequestResponse, status = 200) => expect(res.statusCode, res.body).toBe(status);
const idOf = (code: string) => f.files.find((h) => h.code === code)?.id ?? '';

describe('every audit action, made to happen over HTTP', () => {
  it('staff accounts, a login and the clearing of its failures', async () => {
    const admin = await f.t.loginAs('admin', 'audit-admin');
    const created = await f.post('/api/staff', admin, {
      username: 'audit-reviewer',
      displayName: '李审核',
      password: TEST_PASSWORD,
      roles: ['reviewer'],
      allProjects: true,
    });
    expectStatus(created, 201);
    expectStatus(
      await send('PATCH', `/api/staff/${created.json<{ id: string }>().id}`, admin, { displayName: '李审核员' }),
    );
    const wrong = await f.t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'audit-reviewer', password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expectStatus(await f.post('/api/auth/login-failures/clear', admin, { subject: 'user:audit-reviewer' }), 204);
  });

  it('a project set up by hand and from its spreadsheets', async () => {
    const sup = f.supervisor;
    const projectId = await createProjectVia(f.t.app, sup, 'AUDT');
    expectStatus(
      await send('PATCH', `/api/projects/${projectId}`, sup, {
        name: '范家湾城中村改造项目（二期）',
        reason: '项目更名',
      }),
    );
    await createBuilding(f.t, sup, projectId, {
      zone: '安置B区',
      name: '7#楼',
      floorsAbove: 24,
      floorsBelow: 1,
      entrances: 2,
    });
    const flats = await buildXlsx([
      ['安置区', '楼栋', '单元', '楼层', '室号', '户型', '建筑面积'],
      ['安置B区', '7#楼', 1, 10, '1001', '两室一厅', '89.5'],
    ]);
    expectStatus(await upload(f.t, sup, projectId, 'units', flats, { dryRun: false }));
    const byHand = await f.post(
      `/api/projects/${projectId}/households`,
      sup,
      householdBody('A-01', idNumber('620102', '19571009', '611')),
    );
    expectStatus(byHand, 201);
    const corrected = { notes: '户主联系电话已核实', reason: '补充备注' };
    expectStatus(await send('PATCH', `/api/households/${byHand.json<{ id: string }>().id}`, sup, corrected));
    const roster = await buildXlsx([
      ['户号', '姓名', '与户主关系', '身份证号', '被征收房屋面积', '应安置面积', '协议签订时间'],
      ['A-02', '王秀英', '户主', idNumber('620102', '19580312', '622'), '96.4', '90', '2019-06-03 09:15:27'],
    ]);
    expectStatus(await upload(f.t, sup, projectId, 'households', roster, { dryRun: false }));
  });

  it('a round drawn by lot and assigned by the system', async () => {
    const created = await f.post(`/api/projects/${f.projectId}/rounds`, f.supervisor, {
      name: '摇号轮次',
      orderMethod: 'lottery',
      rules: { maxExcessCenti: 4000, maxShortfallCenti: null, priority: null, batchSize: 12 },
      households: ['B7-090', 'B7-091', 'B7-092'].map((code) => ({ householdId: idOf(code) })),
    });
    expectStatus(created, 201);
    const roundId = created.json<{ id: string }>().id;
    const households = ['B7-090', 'B7-091'].map((code) => ({ householdId: idOf(code) }));
    expectStatus(await send('PUT', `/api/rounds/${roundId}/membership`, f.supervisor, { households }));
    expectStatus(await f.post(`/api/rounds/${roundId}/commitment`, f.supervisor));
    expectStatus(await f.post(`/api/rounds/${roundId}/draw`, f.supervisor, { publicValue: '07-31-19' }));
    expectStatus(await f.post(`/api/rounds/${roundId}/auto-allocate`, f.supervisor));
  });

  let day: Day;
  const household = (position: number) => day.order[position - 1] ?? { id: '', code: '', headId: '', members: 0 };
  const line = (position: number, move: string, reason: string) =>
    f.post(`/api/rounds/${day.roundId}/households/${household(position).id}/${move}`, f.supervisor, { reason });

  it('the day at the desks: arrivals, calls, returns, a no-show and a reopened stage', async () => {
    day = await startDay(f, ['B7-001', 'B7-002', 'B7-003', 'B7-004', 'B7-005']);
    const reviewDesk = day.driver.desk('documentReview').cookie;
    for (let n = 1; n <= 4; n++) await day.arrive(n);
    await day.serve('documentReview', 1);
    const short = await day.call('documentReview', 2);
    const returned = await day.driver.complete('documentReview', short.workflowId, { presented: CHECKLIST.slice(1) });
    expect(returned.json()).toMatchObject({ outcome: 'returned' });
    const absent = await day.call('documentReview', 3);
    expectStatus(await f.post(`/api/workflows/${absent.workflowId}/no-show`, reviewDesk), 204);
    expectStatus(await f.post(`/api/workflows/${absent.workflowId}/recall`, reviewDesk), 204);
    const next = (await day.driver.call('documentReview')).call;
    const sentBack = { reason: '委托书未签字', missing: ['委托书'] };
    expectStatus(
      await f.post(`/api/workflows/${next?.workflowId}/stages/documentReview/return`, reviewDesk, sentBack),
      204,
    );
    for (const code of [household(2).code, next?.code]) {
      const back = await f.post(`/api/rounds/${day.roundId}/arrivals`, reviewDesk, { by: 'code', value: code });
      expect(back.json(), back.body).toMatchObject({ secondVisit: true });
    }
    await day.driver.drain(['documentReview', 'idCheck'], async () => false);

    const workflowOf = async (householdId: string) =>
      (await f.get<{ workflowId: string }>(`/api/rounds/${day.roundId}/households/${householdId}/workflow`)).workflowId;
    const reopen = `/api/workflows/${await workflowOf(household(4).id)}/stages/idCheck/reopen`;
    expectStatus(await f.post(reopen, f.supervisor, { reason: '核对时看错了证件' }), 204);
  });

  it('the 选房 line moved by hand, and a household that gives up and comes back', async () => {
    await day.call('selection', 1);
    expectStatus(await line(1, 'pass', '限时选房已到'), 204);
    expectStatus(await line(2, 'absent', '户主暂时离开大厅'), 204);
    expectStatus(await line(1, 'present', '户主商议完毕'), 204);
    expectStatus(await line(2, 'present', '户主已回到大厅'), 204);
    const gaveUp = await f.post(`/api/rounds/${day.roundId}/households/${household(5).id}/forfeit`, f.supervisor, {
      kind: 'forfeit',
      reason: '户主书面放弃选房',
    });
    expectStatus(gaveUp, 201);
    const statement = await f.t.app.inject({
      method: 'POST',
      url: `/api/forfeits/${gaveUp.json<{ id: string }>().id}/statement`,
      headers: { cookie: f.supervisor, 'content-type': 'image/png' },
      payload: greyPng(),
    });
    expectStatus(statement);
    expectStatus(await line(5, 'reinstate', '户主撤回放弃声明'), 204);
  });

  it('agreements signed, scanned, regenerated and fetched by a resident; keys back, a selection undone; the close', async () => {
    await day.driver.drain(
      ['documentReview', 'idCheck', 'selection', 'signing', 'propertyRegistration', 'keyHandover'],
      async () => false,
    );
    interface Standing {
      workflow: { workflowId: string };
      selections: { selectionId: string }[];
      agreement: { id: string; number: string } | null;
    }
    const standing = (position: number) =>
      f.get<Standing>(`/api/rounds/${day.roundId}/households/${household(position).id}/standing`);
    const [done, alsoDone] = [await standing(1), await standing(2)];
    const scan = await f.t.app.inject({
      method: 'POST',
      url: `/api/agreements/${done.agreement?.id}/signed-copy`,
      headers: { cookie: day.driver.desk('signing').cookie, 'content-type': 'application/pdf' },
      payload: await pdfOfPages(10),
    });
    expectStatus(scan);
    const fresh = await f.post(`/api/agreements/${alsoDone.agreement?.id}/regenerate`, f.supervisor, {
      reason: '户主姓名录入有误，已更正',
    });
    expectStatus(fresh);
    const download = await f.t.app.inject({
      method: 'POST',
      url: '/public/agreements/download',
      remoteAddress: '10.0.9.1',
      payload: { number: fresh.json<{ number: string }>().number, idSuffix: household(2).headId.slice(-6) },
    });
    expectStatus(download);
    const keysBack = { keys: 3, accessCards: 2 };
    const keyDesk = day.driver.desk('keyHandover').cookie;
    expectStatus(await f.post(`/api/workflows/${done.workflow.workflowId}/key-return`, keyDesk, keysBack), 201);
    const undo = `/api/selections/${done.selections[0]?.selectionId}/undo`;
    expectStatus(await f.post(undo, f.supervisor, { reason: '户主要求重新选房' }), 204);
    expectStatus(await f.post(`/api/rounds/${day.roundId}/close`, f.supervisor, { reason: '选房时间截止' }));
  });

  it("the day's closing report", async () => {
    const report = await send(
      'GET',
      `/api/projects/${f.projectId}/closing-report.pdf?date=${shanghaiToday()}`,
      f.supervisor,
    );
    expectStatus(report);
  });

  it('left every listed action in the log, each written by a request, and nothing else; the chain verifies', async () => {
    const admin = await f.t.loginAs('admin', 'audit-reader');
    const rows = await readAuditLog(f.t.app, admin);
    const byRequest = rows.filter((row) => !row.actorName.startsWith('system:'));
    const sorted = (actions: Iterable<string>) => [...new Set(actions)].sort();
    expect(sorted(byRequest.map((row) => row.action))).toEqual(sorted(auditActions));
    expect(sorted(rows.map((row) => row.action))).toEqual(sorted(auditActions));
    expect((await f.get<{ ok: boolean }>('/api/audit/verify', admin)).ok).toBe(true);
  });
});

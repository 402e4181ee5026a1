import type { FastifyInstance } from 'fastify';
import { exampleSettlementRules, exampleTransitionRules } from '../../src/projects/project-rules.js';

export const projectBody = (code: string) => ({
  code,
  name: '范家湾城中村改造项目',
  officeName: '范家湾城中村改造项目征收安置办公室',
  settlementRules: exampleSettlementRules,
  transitionRules: exampleTransitionRules,
});

export async function createProjectVia(app: FastifyInstance, cookie: string, code: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/projects',
    headers: { cookie },
    payload: projectBody(code),
  });
  if (res.statusCode !== 201) throw new Error(`project create failed: ${res.body}`);
  return res.json().id as string;
}

export const householdBody = (code: string, headId = '11010519491231002X') => ({
  code,
  demolishedArea: '96.40',
  entitledArea: '90.00',
  compensationAgreementNo: `FJW-BC-${code}`,
  compensationSignedAt: '2019-06-03T09:15:27+08:00',
  transitionStartDate: '2019-07-01',
  flags: { elderly: true },
  members: [
    { name: '王秀芳', idNumber: headId, relation: '户主', phone: '13909311234' },
    { name: '李建国', idNumber: '440524188001010014', relation: '配偶' },
  ],
});

import { createHash } from 'node:crypto';
import { labelOf } from '../allocation/claim.js';
import { formatYuan, rmbCapital } from '../allocation/rmb-capital.js';
import { householdFlats } from '../allocation/selections.repo.js';
import { settleAreaDifference } from '../allocation/settlement.js';
import { checkedTransitionSubsidy } from '../allocation/subsidy.service.js';
import type { DbExecutor } from '../db/create-db.js';
import type { AgreementRow } from '../db/schema.js';
import { AppError } from '../errors.js';
import { findHousehold, membersOf } from '../households/households.repo.js';
import { requireProject, toProjectView } from '../projects/projects.service.js';
import { formatCenti } from '../shared/area.js';
import { formatShanghai } from '../shared/time.js';
import { chineseDate, transitionPeriod } from './agreement-dates.js';
import type { AgreementView } from './agreement-view.js';

/** Hex characters of the facts' sha256 printed in the QR code (64 bits): a verifier must present all of them. */
export const VERIFY_CODE_LENGTH = 16;

/** Gathers and formats what the agreement prints; reads only, so it runs outside any transaction. */
export async function gatherAgreementView(
  db: DbExecutor,
  agreement: AgreementRow,
  publicUrl: string,
  templateVersion: string,
): Promise<AgreementView> {
  const household = await findHousehold(db, agreement.householdId);
  if (!household) throw new AppError('NOT_FOUND', '协议对应的安置户不存在', { field: 'householdId' });
  const [project, members, flats] = await Promise.all([
    requireProject(db, agreement.projectId).then(toProjectView),
    membersOf(db, [household.id]),
    householdFlats(db, agreement.roundId, household.id),
  ]);
  const first = flats[0];
  if (!first) throw new AppError('CONFLICT', '该户尚未确定安置房源，不能生成协议', { field: 'householdId' });
  const head = members.find((m) => m.isHead);
  const settlement = settleAreaDifference(project.settlementRules, {
    entitledCenti: household.entitledAreaCenti,
    flatAreasCenti: flats.map((f) => f.buildingAreaCenti),
  });
  const signingDate = formatShanghai(agreement.signedAt).slice(0, 10);
  const transition = household.transitionStartDate
    ? checkedTransitionSubsidy(project.transitionRules, {
        startDate: household.transitionStartDate,
        endDate: signingDate,
        persons: members.length,
        demolishedAreaCenti: household.demolishedAreaCenti,
      })
    : { monthlyFen: 0, lines: [], totalFen: 0 };
  const rules = project.transitionRules;
  const facts: Omit<AgreementView, 'verifyUrl'> = {
    number: agreement.number,
    draft: false,
    projectName: project.name,
    officeName: project.officeName,
    household: {
      code: household.code,
      headName: head?.name ?? '',
      headIdNumber: head?.idNumber ?? '',
      phone: household.phone ?? head?.phone ?? '',
      members: members.map((m) => ({ name: m.name, relation: m.relation, idNumber: m.idNumber })),
      demolishedArea: formatCenti(household.demolishedAreaCenti),
      entitledArea: formatCenti(household.entitledAreaCenti),
      compensationAgreementNo: household.compensationAgreementNo ?? '—',
    },
    flat: {
      label: flats.map(labelOf).join('、'),
      zone: first.zoneName,
      layout: flats.map((f) => f.layout).join('、'),
      floor: first.floor,
      buildingArea: formatCenti(flats.reduce((sum, f) => sum + f.buildingAreaCenti, 0)),
    },
    settlement: {
      lines: settlement.lines.map((l) => ({
        label: l.label,
        area: formatCenti(l.areaCenti),
        unitPrice: formatYuan(l.priceFenPerM2),
        amount: formatYuan(l.amountFen),
      })),
      direction: settlement.totalFen > 0 ? 'pay' : settlement.totalFen < 0 ? 'refund' : 'none',
      totalYuan: formatYuan(Math.abs(settlement.totalFen)),
      totalCapital: rmbCapital(Math.abs(settlement.totalFen)),
    },
    transition: {
      startDate: chineseDate(household.transitionStartDate ?? '—'),
      endDate: chineseDate(signingDate),
      basis:
        rules.basis === 'per_person'
          ? `按人计发，每人每月 ${formatYuan(rules.monthlyRateFen)} 元`
          : `按被征收房屋面积计发，每平方米每月 ${formatYuan(rules.monthlyRateFen)} 元`,
      monthlyYuan: formatYuan(transition.monthlyFen),
      lines: transition.lines.map((l) => ({
        label: l.label,
        period: transitionPeriod(l),
        amount: formatYuan(l.amountFen),
      })),
      totalYuan: formatYuan(transition.totalFen),
      totalCapital: rmbCapital(transition.totalFen),
    },
    signingDate: chineseDate(signingDate),
    templateVersion,
  };
  const hash = contentHashOf(facts);
  return {
    ...facts,
    verifyUrl: `${publicUrl.replace(/\/$/, '')}/public/verify/${encodeURIComponent(agreement.number)}?c=${hash.slice(0, VERIFY_CODE_LENGTH)}`,
  };
}

/** The fingerprint of what the paper states (not of the PDF bytes): the QR code carries its head. */
export function contentHashOf(facts: Omit<AgreementView, 'verifyUrl'> & { verifyUrl?: string }): string {
  const { verifyUrl: _url, ...printed } = facts;
  return createHash('sha256').update(JSON.stringify(printed)).digest('hex');
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chineseDate, transitionPeriod } from '../../src/agreements/agreement-dates.js';
import type { AgreementView } from '../../src/agreements/agreement-view.js';
import { formatYuan, rmbCapital } from '../../src/allocation/rmb-capital.js';
import { settleAreaDifference } from '../../src/allocation/settlement.js';
import { transitionSubsidy } from '../../src/allocation/transition-subsidy.js';
import { exampleSettlementRules, exampleTransitionRules } from '../../src/projects/project-rules.js';
import { formatCenti } from '../../src/shared/area.js';

export const TEMPLATE_PATH = fileURLToPath(new URL('../../templates/agreement.v2.txt', import.meta.url));
export const templateText = (): string => readFileSync(TEMPLATE_PATH, 'utf8');

const ENTITLED_CENTI = 9_000;
const FLAT_CENTI = 11_243;
const DEMOLISHED_CENTI = 9_640;

/**
 * 王秀芳's household: 90.00㎡ entitled, 7#楼2单元1502室 of 112.43㎡, so 22.43㎡ of excess over all
 * three price tiers; 过渡费 from 2023-07-01 to the signing day, past the agreed 36 months.
 */
export function agreementViewFixture(overrides: Partial<AgreementView> = {}): AgreementView {
  const settlement = settleAreaDifference(exampleSettlementRules, {
    entitledCenti: ENTITLED_CENTI,
    flatAreasCenti: [FLAT_CENTI],
  });
  const members = [
    { name: '王秀芳', relation: '户主', idNumber: '11010519491231002X' },
    { name: '李建国', relation: '配偶', idNumber: '110105194803150017' },
    { name: '李明', relation: '子', idNumber: '110105197506020031' },
    { name: '张丽', relation: '儿媳', idNumber: '620102197709110026' },
    { name: '李小雨', relation: '孙女', idNumber: '110105200802290044' },
  ];
  const transition = transitionSubsidy(exampleTransitionRules, {
    startDate: '2023-07-01',
    endDate: '2026-11-27',
    persons: members.length,
    demolishedAreaCenti: DEMOLISHED_CENTI,
  });
  return {
    number: 'FJW-2026-0001',
    draft: false,
    projectName: '范家湾城中村改造项目',
    officeName: '范家湾城中村改造项目征收安置办公室',
    household: {
      code: 'FJW-0137',
      headName: '王秀芳',
      headIdNumber: '11010519491231002X',
      phone: '13909311234',
      members,
      demolishedArea: formatCenti(DEMOLISHED_CENTI),
      entitledArea: formatCenti(ENTITLED_CENTI),
      compensationAgreementNo: 'FJW-BC-0137',
    },
    flat: {
      label: '7#楼2单元1502室',
      zone: '安置B区',
      layout: '三室两厅一卫',
      floor: 15,
      buildingArea: formatCenti(FLAT_CENTI),
    },
    settlement: {
      lines: settlement.lines.map((l) => ({
        label: l.label,
        area: formatCenti(l.areaCenti),
        unitPrice: formatYuan(l.priceFenPerM2),
        amount: formatYuan(l.amountFen),
      })),
      direction: 'pay',
      totalYuan: formatYuan(settlement.totalFen),
      totalCapital: rmbCapital(settlement.totalFen),
    },
    transition: {
      startDate: chineseDate('2023-07-01'),
      endDate: chineseDate('2026-11-27'),
      basis: `按被征收房屋面积计发，每平方米每月 ${formatYuan(exampleTransitionRules.monthlyRateFen)} 元`,
      monthlyYuan: formatYuan(transition.monthlyFen),
      lines: transition.lines.map((l) => ({
        label: l.label,
        period: transitionPeriod(l),
        amount: formatYuan(l.amountFen),
      })),
      totalYuan: formatYuan(transition.totalFen),
      totalCapital: rmbCapital(transition.totalFen),
    },
    signingDate: '2026年11月27日',
    verifyUrl: 'https://anju.example.cn/public/verify/FJW-2026-0001?c=3f9a2c71d04be8e5',
    templateVersion: 'agreement.v2',
    ...overrides,
  };
}

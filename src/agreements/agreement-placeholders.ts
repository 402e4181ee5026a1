/**
 * The template's placeholders: each reads one printed fact of the AgreementView, so the set of
 * names a template may use is exactly the set of readers below. A new fact in the view becomes
 * available to templates by adding its reader here (and a line to the template's notes).
 */
import type { AgreementView } from './agreement-view.js';

const SETTLEMENT_VERB: Record<AgreementView['settlement']['direction'], string> = {
  pay: '应补交',
  refund: '应退还',
  none: '面积无差价',
};

/** How the number reads on a print that has none yet. */
export const DRAFT_NUMBER = '草稿（未编号）';

const readers = {
  number: (v) => (v.draft ? DRAFT_NUMBER : v.number),
  projectName: (v) => v.projectName,
  officeName: (v) => v.officeName,
  householdCode: (v) => v.household.code,
  headName: (v) => v.household.headName,
  headIdNumber: (v) => v.household.headIdNumber,
  phone: (v) => v.household.phone,
  memberCount: (v) => String(v.household.members.length),
  demolishedArea: (v) => v.household.demolishedArea,
  entitledArea: (v) => v.household.entitledArea,
  compensationAgreementNo: (v) => v.household.compensationAgreementNo,
  flatLabel: (v) => v.flat.label,
  zone: (v) => v.flat.zone,
  layout: (v) => v.flat.layout,
  floor: (v) => String(v.flat.floor),
  buildingArea: (v) => v.flat.buildingArea,
  settlementSummary: (v) => settlementSummaryOf(v.settlement),
  settlementTotal: (v) => v.settlement.totalYuan,
  settlementTotalCapital: (v) => v.settlement.totalCapital,
  transitionStartDate: (v) => v.transition.startDate,
  transitionEndDate: (v) => v.transition.endDate,
  transitionBasis: (v) => v.transition.basis,
  transitionMonthly: (v) => v.transition.monthlyYuan,
  transitionTotal: (v) => v.transition.totalYuan,
  transitionTotalCapital: (v) => v.transition.totalCapital,
  signingDate: (v) => v.signingDate,
  templateVersion: (v) => v.templateVersion,
} satisfies Record<string, (view: AgreementView) => string>;

export type PlaceholderName = keyof typeof readers;
export type PlaceholderValues = Record<PlaceholderName, string>;

export const PLACEHOLDER_NAMES = Object.keys(readers) as readonly PlaceholderName[];

export function placeholderValues(view: AgreementView): PlaceholderValues {
  const values = {} as PlaceholderValues;
  for (const name of PLACEHOLDER_NAMES) values[name] = readers[name](view);
  return values;
}

/** "应补交 人民币 12,345.67 元（大写：壹万贰仟叁佰肆拾伍元陆角柒分）", or "面积无差价". */
export function settlementSummaryOf(settlement: AgreementView['settlement']): string {
  const verb = SETTLEMENT_VERB[settlement.direction];
  if (settlement.direction === 'none') return verb;
  return `${verb} 人民币 ${settlement.totalYuan} 元（大写：${settlement.totalCapital}）`;
}

/**
 * Values a reader copies or checks character by character, and names: printed on one line, moved
 * whole to the next when they do not fit (an ID number, FJW-BC-2019-0055 or 甲方 split over two
 * lines, or two pages, reads as two things). Long prose values (project name, basis) wrap freely.
 */
export const KEPT_WHOLE_PLACEHOLDERS: ReadonlySet<PlaceholderName> = new Set<PlaceholderName>([
  'number',
  'officeName',
  'householdCode',
  'headName',
  'headIdNumber',
  'phone',
  'compensationAgreementNo',
  'flatLabel',
  'transitionStartDate',
  'transitionEndDate',
  'signingDate',
]);

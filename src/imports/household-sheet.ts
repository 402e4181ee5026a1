import { type HouseholdDraft, isHeadRelation, type MemberDraft } from '../households/household-draft.js';
import { formatCenti } from '../shared/area.js';
import { householdLimits } from '../shared/field-limits.js';
import { idNumberProblem, idNumberProblemText, normalizeIdNumber } from '../shared/id-number.js';
import { normalizeCode, normalizePersonName } from '../shared/text.js';
import { readArea, readDate, readDateTime, readFlag, readIdNumberText, readNote, readText } from './cells.js';
import type { ColumnSpec } from './header.js';
import type { IssueList } from './import-report.js';
import { parseSheet, type RowCheck, type SheetResult, UniqueKeys } from './sheet-parse.js';
import type { SheetRow } from './sheet-row.js';
import type { SheetOptions } from './sheet-rules.js';

type Field =
  | 'code'
  | 'name'
  | 'relation'
  | 'idNumber'
  | 'phone'
  | 'demolishedArea'
  | 'entitledArea'
  | 'agreementNo'
  | 'signedAt'
  | 'transitionStart'
  | 'elderly'
  | 'disabled'
  | 'lowIncome'
  | 'notes';

const col = (field: Field, label: string, required: boolean, ...aliases: string[]): ColumnSpec<Field> => ({
  field,
  label,
  required,
  aliases: [label, ...aliases],
});

/** Column order is also the export order, so an exported sheet imports again unchanged. */
export const householdColumns: ColumnSpec<Field>[] = [
  col('code', '户号', true, '户编号', '安置户编号', '安置户号'),
  col('name', '姓名', true, '成员姓名', '家庭成员姓名'),
  col('relation', '与户主关系', true, '关系', '与户主的关系', '家庭关系'),
  col('idNumber', '身份证号', true, '身份证号码', '居民身份证号码', '公民身份号码', '身份证'),
  col('phone', '联系电话', false, '电话', '手机', '手机号', '手机号码', '联系方式'),
  col('demolishedArea', '被征收房屋面积', true, '被征收面积', '原房屋面积', '被拆迁房屋面积', '房屋面积'),
  col('entitledArea', '应安置面积', true, '安置面积', '可安置面积', '应安置房屋面积'),
  col('agreementNo', '补偿协议编号', false, '征收补偿协议编号', '协议编号'),
  col('signedAt', '协议签订时间', false, '签约时间', '签订时间', '协议签订日期'),
  col('transitionStart', '过渡开始日期', false, '过渡期起始日期', '过渡起始日期', '搬迁日期'),
  col('elderly', '高龄', false, '是否高龄'),
  col('disabled', '残疾', false, '是否残疾'),
  col('lowIncome', '低保', false, '是否低保'),
  col('notes', '备注', false, '说明'),
];

interface ParsedRow {
  rowNumber: number;
  code: string;
  member: MemberDraft;
  household: Omit<HouseholdDraft, 'code' | 'members'>;
}

export interface KnownHouseholdData {
  codes: Set<string>;
  idNumbers: Set<string>;
}

/** Pure: sheet rows in, household drafts and every problem (row, column, Chinese reason) out. */
export function parseHouseholdSheet(
  rows: SheetRow[],
  known: KnownHouseholdData,
  options: SheetOptions,
): SheetResult<HouseholdDraft> {
  const idNumbers = new UniqueKeys(known.idNumbers, {
    repeated: (firstRow) => `身份证号与第 ${firstRow} 行重复`,
    known: '该身份证号已登记在本项目中',
  });
  return parseSheet(
    rows,
    {
      columns: householdColumns,
      readRow: (row) => readMemberRow(row, idNumbers),
      combine: (parsed, issues) => groupIntoHouseholds(parsed, known, issues),
    },
    options,
  );
}

/** One person's row; null when it lacks what a member needs (its problems are reported). */
function readMemberRow(row: RowCheck<Field>, idNumbers: UniqueKeys): ParsedRow | null {
  // The API's limits, on the text as it would be stored (after the same normalisation).
  const codeText = readText(row.cell('code'));
  const code = row.required(
    'code',
    row.capped('code', codeText === null ? null : normalizeCode(codeText), householdLimits.code),
    '户号不能为空',
  );
  const nameText = readText(row.cell('name'));
  const name = row.required(
    'name',
    row.capped('name', nameText === null ? null : normalizePersonName(nameText), householdLimits.personName),
    '姓名不能为空',
  );
  const relation = row.required(
    'relation',
    row.capped('relation', readText(row.cell('relation')), householdLimits.relation),
    '与户主关系不能为空',
  );
  const rawId = row.take('idNumber', readIdNumberText(row.cell('idNumber')));
  let idNumber: string | null = null;
  if (rawId === null) row.required('idNumber', null, '身份证号不能为空');
  else {
    const id = normalizeIdNumber(rawId);
    const problem = idNumberProblem(id);
    const refusal = problem ? idNumberProblemText[problem] : idNumbers.claim(id, row.rowNumber);
    if (refusal) row.fail('idNumber', refusal, rawId);
    else idNumber = id;
  }
  const phone = readText(row.cell('phone'));
  if (phone !== null && !/^[0-9+\-() ]{5,20}$/.test(phone)) row.fail('phone', '电话号码格式不正确', phone);

  const household = {
    phone,
    demolishedAreaCenti: row.take('demolishedArea', readArea(row.cell('demolishedArea'))) ?? -1,
    entitledAreaCenti: row.take('entitledArea', readArea(row.cell('entitledArea'))) ?? -1,
    compensationAgreementNo: row.capped('agreementNo', readText(row.cell('agreementNo')), householdLimits.agreementNo),
    compensationSignedAt: row.take('signedAt', readDateTime(row.cell('signedAt'))),
    transitionStartDate: row.take('transitionStart', readDate(row.cell('transitionStart'))),
    isElderly: row.take('elderly', readFlag(row.cell('elderly'))) ?? false,
    isDisabled: row.take('disabled', readFlag(row.cell('disabled'))) ?? false,
    isLowIncome: row.take('lowIncome', readFlag(row.cell('lowIncome'))) ?? false,
    notes: row.capped('notes', readNote(row.cell('notes')), householdLimits.notes) ?? '',
  };
  if (code === null || name === null || relation === null || idNumber === null) return null;
  const member = { name, idNumber, relation, phone, isHead: isHeadRelation(relation) };
  return { rowNumber: row.rowNumber, code, member, household };
}

function groupIntoHouseholds(parsed: ParsedRow[], known: KnownHouseholdData, issues: IssueList): HouseholdDraft[] {
  const groups = new Map<string, ParsedRow[]>();
  for (const row of parsed) {
    const list = groups.get(row.code);
    if (list) list.push(row);
    else groups.set(row.code, [row]);
  }
  const drafts: HouseholdDraft[] = [];
  for (const [code, members] of groups) {
    const first = members[0];
    if (!first) continue;
    if (known.codes.has(code)) {
      issues.add(first.rowNumber, '户号', code, `户号“${code}”已存在于本项目中`);
      continue;
    }
    const heads = members.filter((m) => m.member.isHead);
    const head = heads[0];
    if (!head || heads.length > 1) {
      const rowsText = members.map((m) => m.rowNumber).join('、');
      issues.add(
        first.rowNumber,
        '与户主关系',
        null,
        heads.length === 0 ? `户号“${code}”（第 ${rowsText} 行）没有户主` : `户号“${code}”有 ${heads.length} 位户主`,
      );
      continue;
    }
    const tooMany = members[householdLimits.members];
    if (tooMany) {
      issues.add(
        tooMany.rowNumber,
        '户号',
        code,
        `户号“${code}”有 ${members.length} 位家庭成员，超过每户 ${householdLimits.members} 位的上限`,
      );
      continue;
    }
    const h = head.household;
    // -1 also stands for an area that was filled in but unreadable, which is already reported.
    const reported = (label: string) => issues.has(head.rowNumber, label);
    if (h.demolishedAreaCenti < 0 && !reported('被征收房屋面积'))
      issues.add(head.rowNumber, '被征收房屋面积', null, '户主行须填写被征收房屋面积');
    if (h.entitledAreaCenti < 0 && !reported('应安置面积'))
      issues.add(head.rowNumber, '应安置面积', null, '户主行须填写应安置面积');
    for (const other of members) {
      if (other === head) continue;
      for (const [key, label] of [
        ['demolishedAreaCenti', '被征收房屋面积'],
        ['entitledAreaCenti', '应安置面积'],
        ['compensationAgreementNo', '补偿协议编号'],
      ] as const) {
        const value = other.household[key];
        if (value === null || value === -1 || value === h[key]) continue;
        const shown = typeof value === 'number' ? formatCenti(value) : value;
        issues.add(other.rowNumber, label, shown, `与本户户主行（第 ${head.rowNumber} 行）不一致`);
      }
    }
    drafts.push({
      code,
      ...h,
      phone: h.phone ?? head.member.phone,
      members: [head.member, ...members.filter((m) => m !== head).map((m) => m.member)],
    });
  }
  return drafts;
}

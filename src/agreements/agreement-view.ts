/**
 * Everything an agreement prints, already gathered and formatted (amounts as text, dates in
 * Asia/Shanghai). Drawing reads only this; gathering it is the service's job.
 */
export interface AgreementView {
  /** e.g. FJW-2026-0001; printed on every page */
  number: string;
  /** '草稿' for pre-signing prints that have no number yet */
  draft: boolean;
  projectName: string;
  /** 甲方: the project office */
  officeName: string;
  household: {
    code: string;
    /** 乙方: the head of household; the full ID number is printed on paper */
    headName: string;
    headIdNumber: string;
    phone: string;
    /** Every member's full ID number is printed too: the paper is read only by those who may (masking.ts, 'agreement') */
    members: { name: string; relation: string; idNumber: string }[];
    demolishedArea: string;
    entitledArea: string;
    compensationAgreementNo: string;
  };
  flat: {
    /** 7#楼2单元1502室 */
    label: string;
    zone: string;
    layout: string;
    floor: number;
    buildingArea: string;
  };
  settlement: {
    lines: { label: string; area: string; unitPrice: string; amount: string }[];
    /** 应补交 / 应退还 / 面积无差价 */
    direction: 'pay' | 'refund' | 'none';
    totalYuan: string;
    /** 人民币大写, e.g. 壹万贰仟叁佰肆拾伍元陆角柒分 */
    totalCapital: string;
  };
  transition: {
    /** Dates here and below are written 2026年12月2日 (agreement-dates.ts) */
    startDate: string;
    endDate: string;
    basis: string;
    monthlyYuan: string;
    lines: { label: string; period: string; amount: string }[];
    totalYuan: string;
    totalCapital: string;
  };
  /** Date printed in the signature block, YYYY年M月D日 */
  signingDate: string;
  /** The public verify page for this agreement: the QR code on every page points here */
  verifyUrl: string;
  templateVersion: string;
}

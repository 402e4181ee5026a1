export const agreementStatuses = ['issued', 'signed', 'voided'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** The words staff read for an agreement's status. */
export const agreementStatusLabels: Record<AgreementStatus, string> = {
  issued: '已生成',
  signed: '已签字',
  voided: '已作废',
};

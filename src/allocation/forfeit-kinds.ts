/** The ways a household gives up its turn (放弃), as stored in `forfeits.kind`, and the words staff read for each. */
export const forfeitKinds = ['forfeit', 'deemed', 'cash'] as const;
export type ForfeitKind = (typeof forfeitKinds)[number];

export const forfeitText: Record<string, string> = {
  forfeit: '放弃选房',
  deemed: '视为放弃',
  cash: '放弃选房（货币补偿）',
};

/** What the audit log records of this (see AuditSnapshots). */
declare module '../audit/audit-payloads.js' {
  interface AuditSnapshots {
    forfeitKind: ForfeitKind;
  }
}

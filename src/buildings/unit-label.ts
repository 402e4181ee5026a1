/** "7#楼2单元1502室"; a basement flat keeps its room code as printed on the door. */
export function unitLabel(buildingName: string, entranceNumber: number, room: string): string {
  return `${buildingName}${entranceNumber}单元${room}室`;
}

export const unitStatuses = ['available', 'reserved', 'allocated'] as const;
export type UnitStatus = (typeof unitStatuses)[number];

/** The words staff read for a flat's status (the public board has its own: 可选 / 已选 / 保留). */
export const unitStatusLabels: Record<UnitStatus, string> = {
  available: '可选',
  reserved: '保留',
  allocated: '已分配',
};

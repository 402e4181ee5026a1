/** "7#楼2单元1502室"; a basement flat keeps its room code as printed on the door. */
export function unitLabel(buildingName: string, entranceNumber: number, room: string): string {
  return `${buildingName}${entranceNumber}单元${room}室`;
}

export const unitStatuses = ['available', 'reserved', 'allocated'] as const;
export type UnitStatus = (typeof unitStatuses)[number];

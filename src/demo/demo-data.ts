import type { UnitDraft } from '../db/schema.js';
import type { HouseholdDraft, MemberDraft } from '../households/household-draft.js';
import { idCheckChar } from '../shared/id-number.js';
import { shanghaiWallToUtcIso } from '../shared/time.js';

/** The reference case: 安置B区 7#楼 — 24 floors above, 1 below, 10,553.77 m², 2 entrances × 2 flats a floor. */
export const demoBuilding = {
  zone: '安置B区',
  name: '7#楼',
  floorsAbove: 24,
  floorsBelow: 1,
  totalAreaCenti: 1_055_377,
  entrances: 2,
};

/** Per entrance, flat 01 and flat 02: layout and building area in hundredths of m². */
const FLAT_TYPES: Record<number, [string, number][]> = {
  1: [
    ['三室两厅两卫', 11_836],
    ['两室两厅一卫', 8_952],
  ],
  2: [
    ['三室两厅一卫', 11_274],
    ['两室两厅一卫', 9_518],
  ],
};

export function demoUnits(entranceIds: Map<number, string>, buildingId: string): UnitDraft[] {
  const units: UnitDraft[] = [];
  for (const [entrance, types] of Object.entries(FLAT_TYPES)) {
    const entranceId = entranceIds.get(Number(entrance));
    if (!entranceId) throw new Error(`entrance ${entrance} missing`);
    for (let floor = 1; floor <= demoBuilding.floorsAbove; floor++) {
      types.forEach(([layout, area], i) => {
        units.push({
          buildingId,
          entranceId,
          floor,
          room: `${floor}${String(i + 1).padStart(2, '0')}`,
          layout,
          buildingAreaCenti: area,
        });
      });
    }
  }
  return units;
}

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢';
const GIVEN =
  '建国秀英玉兰桂芳志强文华海燕春梅明德淑珍永福丽娟晓东红霞金凤立新学军慧敏俊杰雪梅宏伟国庆凤英小龙佳怡子涵浩然欣悦';
// 兰州市七里河区 and neighbouring district codes, for synthetic ID numbers.
const REGIONS = ['620103', '620102', '620104', '620105'];

export function syntheticIdNumber(region: string, birth: Date, sequence: number, male: boolean): string {
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const seq = sequence % 100;
  const genderDigit = (male ? 1 : 0) + 2 * (sequence % 5);
  const first17 = `${region}${ymd}${String(seq).padStart(2, '0')}${genderDigit}`;
  return `${first17}${idCheckChar(first17)}`;
}

export function demoHouseholds(count: number, seed = 20_190_601): HouseholdDraft[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[] | string): T => items[Math.floor(random() * items.length)] as T;
  const name = (surname: string) => surname + pick<string>(GIVEN) + (random() < 0.6 ? pick<string>(GIVEN) : '');
  const birth = (fromYear: number, toYear: number) =>
    new Date(
      Date.UTC(
        fromYear + Math.floor(random() * (toYear - fromYear + 1)),
        Math.floor(random() * 12),
        1 + Math.floor(random() * 28),
      ),
    );
  let sequence = 0;
  const used = new Set<string>();
  const uniqueId = (born: Date, male: boolean): string => {
    const region = pick<string>(REGIONS);
    let id: string;
    do id = syntheticIdNumber(region, born, ++sequence, male);
    while (used.has(id));
    used.add(id);
    return id;
  };
  const person = (fullName: string, relation: string, born: Date, male: boolean, isHead = false): MemberDraft => ({
    name: fullName,
    idNumber: uniqueId(born, male),
    relation: isHead ? '户主' : relation,
    phone: isHead ? `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : null,
    isHead,
  });

  const households: HouseholdDraft[] = [];
  for (let i = 1; i <= count; i++) {
    const surname = pick<string>(SURNAMES);
    const headMale = random() < 0.7;
    const headBorn = birth(1938, 1985);
    const members = [person(name(surname), '户主', headBorn, headMale, true)];
    if (random() < 0.85)
      members.push(
        person(
          name(pick<string>(SURNAMES)),
          '配偶',
          birth(headBorn.getUTCFullYear() - 3, headBorn.getUTCFullYear() + 3),
          !headMale,
        ),
      );
    const children = Math.floor(random() * 3);
    for (let c = 0; c < children; c++) {
      const male = random() < 0.5;
      members.push(
        person(
          name(surname),
          male ? '子' : '女',
          birth(headBorn.getUTCFullYear() + 22, Math.min(2015, headBorn.getUTCFullYear() + 38)),
          male,
        ),
      );
    }
    const demolished = 6_000 + Math.floor(random() * 12_000);
    const entitled = Math.min(12_000, Math.max(8_000, Math.round((demolished * 0.9) / 100) * 100));
    const signedInAdvance = i <= 60;
    const signedAt = shanghaiWallToUtcIso(
      2019,
      5 + Math.floor(i / 20),
      1 + (i % 28),
      8 + (i % 9),
      (i * 7) % 60,
      (i * 13) % 60,
    );
    households.push({
      code: `B7-${String(i).padStart(count > 999 ? 5 : 3, '0')}`,
      phone: members[0]?.phone ?? null,
      demolishedAreaCenti: demolished,
      entitledAreaCenti: entitled,
      compensationAgreementNo: signedInAdvance ? `FJW-BC-2019-${String(i).padStart(4, '0')}` : null,
      compensationSignedAt: signedInAdvance ? signedAt : null,
      transitionStartDate: `2019-${String(6 + (i % 3)).padStart(2, '0')}-01`,
      isElderly: headBorn.getUTCFullYear() <= 1956,
      isDisabled: i % 17 === 0,
      isLowIncome: i % 23 === 0,
      notes: '',
      members,
    });
  }
  return households;
}

export const demoStaff = [
  { username: 'demo_admin', displayName: '演示管理员', role: 'admin' },
  { username: 'demo_supervisor', displayName: '现场总负责', role: 'supervisor' },
  { username: 'desk_review', displayName: '材料审核一号台', role: 'reviewer' },
  { username: 'desk_id', displayName: '身份核对二号台', role: 'id_checker' },
  { username: 'desk_sign', displayName: '协议签订三号台', role: 'signing_clerk' },
  { username: 'desk_property', displayName: '物业登记四号台', role: 'property_clerk' },
  { username: 'desk_keys', displayName: '钥匙发放五号台', role: 'key_keeper' },
] as const;

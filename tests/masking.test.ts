import { describe, expect, it } from 'vitest';
import { stageTable } from '../src/checkin/stages.js';
import {
  fullIdNumberReaders,
  maskIdNumber,
  maskIdNumbersIn,
  maskName,
  maskPhone,
  scrubForLog,
  seesFullIdNumbers,
} from '../src/shared/masking.js';
import { type Role, roles } from '../src/shared/roles.js';

describe('masked forms', () => {
  it('keeps the family name, and the last character of a name of three or more', () => {
    expect(maskName('王秀芳')).toBe('王*芳');
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('欧阳建国')).toBe('欧**国');
    expect(maskName('王')).toBe('王');
    expect(maskName('')).toBe('');
    expect(maskName('𠀋秀芳')).toBe('𠀋*芳');
  });

  it('keeps the region and the last four of an ID number, ten stars between', () => {
    expect(maskIdNumber('62010319850715001X')).toBe('6201**********001X');
    expect(maskIdNumber('110105194912310021')).toBe('1101**********0021');
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('keeps the first three and the last four of a phone number; of a short one the last four', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('029-88886666')).toBe('029*****6666');
    expect(maskPhone('88886666')).toBe('****6666');
    expect(maskPhone('1234')).toBe('****');
  });
});

describe('masking inside text', () => {
  const id = '62010319850715001X';

  it('masks ID numbers wherever they stand, a lower-case x too, and leaves longer runs alone', () => {
    expect(maskIdNumbersIn(`/api/projects/p/households?q=${id}`)).toBe(
      '/api/projects/p/households?q=6201**********001X',
    );
    expect(maskIdNumbersIn('{"idNumber":"62010319850715001x"}')).toBe('{"idNumber":"6201**********001X"}');
    expect(maskIdNumbersIn('ref 1234567890123456789 and a1234567890123456789')).toBe(
      'ref 1234567890123456789 and a1234567890123456789',
    );
    expect(maskIdNumbersIn('call 13912345678')).toBe('call 13912345678');
  });

  it('scrubs log text of ID numbers and mobile numbers, not of times, counts or hashes', () => {
    expect(scrubForLog(`duplicate key (${id}) phone 13912345678`)).toBe(
      'duplicate key (6201**********001X) phone 139****5678',
    );
    const innocent = 'at 1733122222000 took 12345678901ms hash a13912345678b id 139123456789';
    expect(scrubForLog(innocent)).toBe(innocent);
  });
});

describe('who reads full ID numbers', () => {
  const viewer = (role: Role) => ({ roles: [role] });

  it('on a household file: the managers, the ID desk and the signing desk', () => {
    expect(roles.filter((r) => seesFullIdNumbers(viewer(r)))).toEqual([
      'admin',
      'supervisor',
      'id_checker',
      'signing_clerk',
    ]);
  });

  it('names the roles the ID and signing desks are staffed by', () => {
    expect(fullIdNumberReaders('file')).toEqual([
      'admin',
      'supervisor',
      stageTable.idCheck.role,
      stageTable.signing.role,
    ]);
    expect(fullIdNumberReaders('agreement')).toContain(stageTable.signing.role);
  });

  it('on the agreement paper: the managers and the signing desk that issues it', () => {
    expect(roles.filter((r) => seesFullIdNumbers(viewer(r), 'agreement'))).toEqual([
      'admin',
      'supervisor',
      'signing_clerk',
    ]);
    expect([...fullIdNumberReaders('agreement')].sort()).toEqual(['admin', 'signing_clerk', 'supervisor']);
  });

  it('for anyone without a session, and for staff with no role, never', () => {
    expect(seesFullIdNumbers(null)).toBe(false);
    expect(seesFullIdNumbers(null, 'agreement')).toBe(false);
    expect(seesFullIdNumbers({ roles: [] })).toBe(false);
  });

  it('for one account with several roles, when any of them does', () => {
    expect(seesFullIdNumbers({ roles: ['reviewer', 'id_checker'] })).toBe(true);
    expect(seesFullIdNumbers({ roles: ['reviewer', 'key_keeper'] })).toBe(false);
  });
});

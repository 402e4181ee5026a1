export const roles = [
  'admin',
  'supervisor',
  'reviewer',
  'id_checker',
  'signing_clerk',
  'property_clerk',
  'key_keeper',
] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  supervisor: '项目管理员',
  reviewer: '材料审核员',
  id_checker: '身份核验员',
  signing_clerk: '签约员',
  property_clerk: '物业登记员',
  key_keeper: '钥匙发放员',
};

/** Everyone who works a desk on the day may read household files. */
export const deskRoles: readonly Role[] = ['reviewer', 'id_checker', 'signing_clerk', 'property_clerk', 'key_keeper'];
export const managerRoles: readonly Role[] = ['admin', 'supervisor'];
export const anyStaff: readonly Role[] = roles;

/** The person (or process) behind a change, as the audit log records it. */
export interface Actor {
  id: string | null;
  name: string;
  roles: readonly Role[];
  /** The projects this person serves; absent (system actors) or 'all' for every project. */
  projects?: readonly string[] | 'all';
}

export const systemActor = (name: string): Actor => ({ id: null, name: `system:${name}`, roles: ['admin'] });

/** Administrators serve every project; other staff only theirs. */
export const servesProject = (actor: Actor, projectId: string): boolean =>
  actor.roles.includes('admin') ||
  actor.projects === undefined ||
  actor.projects === 'all' ||
  actor.projects.includes(projectId);

export const hasAnyRole = (actor: Actor, allowed: readonly Role[]): boolean =>
  actor.roles.some((r) => r === 'admin' || allowed.includes(r));

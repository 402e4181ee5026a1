import { z } from 'zod';
import { roles } from '../shared/roles.js';

// What the staff account routes accept and answer.

const password = z.string().min(10, '密码至少 10 个字符').max(256);
export const staffView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  active: z.boolean(),
  allProjects: z.boolean(),
  projectIds: z.array(z.string()),
  createdAt: z.string(),
});
const allProjects = z.boolean().describe('服务所有项目（如只服务部分项目，则填 projectIds）');
const projectIds = z.array(z.string().min(1).max(64)).max(200).describe('所服务的项目');
export const staffList = z.array(staffView);

export const newStaffInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{2,32}$/, '用户名为 2–32 位字母、数字、下划线、点或横线'),
  displayName: z.string().trim().min(1).max(32),
  password,
  roles: z.array(z.enum(roles)).min(1, '至少指定一个角色'),
  allProjects: allProjects.optional(),
  projectIds: projectIds.optional(),
});

export const staffChangeInput = z
  .object({
    displayName: z.string().trim().min(1).max(32).optional(),
    roles: z.array(z.enum(roles)).min(1).optional(),
    active: z.boolean().optional(),
    password: password.optional(),
    allProjects: allProjects.optional(),
    projectIds: projectIds.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, '至少修改一项');

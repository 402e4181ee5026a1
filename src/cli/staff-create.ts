import { randomBytes } from 'node:crypto';
import { createStaff } from '../auth/auth.service.js';
import { openRuntime } from '../runtime.js';
import { type Role, roles, systemActor } from '../shared/roles.js';
import { parseArgs } from './args.js';

const usage = `Usage: npm run staff:create -- --username NAME [--role admin] [--name 显示名]
The password is read from ANJU_PASSWORD, or generated and printed once.`;

const args = parseArgs(process.argv.slice(2));
const username = args.get('username');
const role = (args.get('role') ?? 'admin') as Role;
if (!username || !roles.includes(role)) {
  console.error(usage);
  console.error(`Roles: ${roles.join(', ')}`);
  process.exit(2);
}
const password = process.env.ANJU_PASSWORD ?? randomBytes(9).toString('base64url');
if (password.length < 10) {
  console.error('ANJU_PASSWORD must have at least 10 characters.');
  process.exit(2);
}
const { deps, handle } = await openRuntime(process.env);
try {
  // --projects all, or project ids separated by commas; an administrator serves every project anyway.
  const projects = args.get('projects') ?? '';
  const scope =
    projects === 'all'
      ? { allProjects: true }
      : {
          projectIds: projects
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean),
        };
  const staff = await createStaff(deps, systemActor('cli'), {
    username,
    password,
    displayName: args.get('name') ?? username,
    roles: [role],
    ...scope,
  });
  console.log(`Created ${staff.username} (${role}).`);
  if (role !== 'admin' && !staff.allProjects && staff.projectIds.length === 0)
    console.log('No project yet: add --projects all or --projects <id,…>, or assign projects on /admin/staff.');
  if (!process.env.ANJU_PASSWORD) console.log(`Password: ${password}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await handle.close();
}

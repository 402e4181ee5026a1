// Roles and the actor moved to src/shared/roles.ts (http and audit need them, and auth needs both).
// Only src/imports/imports.service.ts still names this path: src/imports is being rewritten on its own
// branch. Delete this file once that rewrite imports from ../shared/roles.js.
export type { Actor } from '../shared/roles.js';

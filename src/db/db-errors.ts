/** Recognises a unique-constraint refusal from either database, so a lost race reads as a conflict. */
export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A row that names another row which does not exist: a missing check upstream, never the caller's crash. */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function codeOf(err: unknown): unknown {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return (err as { code: unknown }).code;
}

import fc from 'fast-check';
import { idNumber } from '../sheets.js';
import type { JsonSchema } from './fuzz-app.js';
import { hintedBadValue, wrongValue } from './values.js';

/** Real ids and codes from the loaded data, by the kind of thing a field names. */
export type RealValues = Partial<Record<RealKind, string[]>>;
export type RealKind =
  | 'project'
  | 'household'
  | 'unit'
  | 'round'
  | 'selection'
  | 'workflow'
  | 'agreement'
  | 'agreementNumber'
  | 'staff'
  | 'householdCode';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const validIdNumbers = [
  idNumber('110105', '19491231', '002'),
  idNumber('340524', '19800101', '001'),
  idNumber('620102', '20000229', '123'),
];

export function kindOfField(field: string): RealKind | undefined {
  const kinds: Record<string, RealKind> = {
    projectid: 'project',
    householdid: 'household',
    unitid: 'unit',
    unitids: 'unit',
    roundid: 'round',
    number: 'agreementNumber',
    code: 'householdCode',
    codes: 'householdCode',
  };
  return kinds[field.toLowerCase()];
}

/** The kind of the `:id` in a path, from the collection before it: /api/rounds/:id → round. */
export function kindOfPathId(url: string): RealKind | undefined {
  const collection = url.split('/:id')[0]?.split('/').pop() ?? '';
  const kinds: Record<string, RealKind> = {
    projects: 'project',
    households: 'household',
    rounds: 'round',
    selections: 'selection',
    workflows: 'workflow',
    agreements: 'agreement',
    staff: 'staff',
  };
  return kinds[collection];
}

function validString(schema: JsonSchema, field: string, real: RealValues): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as string[]));
  if (typeof schema.const === 'string') return fc.constant(schema.const);
  if (schema.format === 'date') return fc.constantFrom('2026-03-01', '2024-02-29', '2026-12-31');
  if (schema.format === 'date-time') return fc.constantFrom('2026-03-01T08:00:00Z', '2025-12-31T23:59:59+08:00');
  if (schema.pattern)
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200));
  if (field.toLowerCase().includes('idnumber')) return fc.constantFrom(...validIdNumbers);
  if (schema.description?.includes('面积')) return fc.constantFrom('89.50', '120.00', '0.01', '45');
  const kind = kindOfField(field);
  const known = kind ? (real[kind] ?? []) : [];
  const min = schema.minLength ?? 0;
  const text = fc.string({ minLength: min, maxLength: Math.max(min, Math.min(schema.maxLength ?? 24, min + 24)) });
  return known.length > 0
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: text })
    : text;
}

function validInteger(schema: JsonSchema): fc.Arbitrary<number> {
  const low = schema.minimum ?? (schema.exclusiveMinimum === undefined ? INT_MIN : schema.exclusiveMinimum + 1);
  const min = Math.max(INT_MIN, low);
  const max = Math.min(INT_MAX, schema.maximum ?? INT_MAX);
  // The schema's own bounds too: 2^53 - 1 is valid to zod and may not fit a database integer.
  const bounds = [low, schema.maximum ?? INT_MAX].filter((n) => Number.isSafeInteger(n));
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min, max: Math.max(min, max) }) },
    { weight: 1, arbitrary: fc.constantFrom(...bounds) },
  );
}

/** A value of the shape the schema asks for (checksums and cross-field rules aside). */
export function validOf(schema: JsonSchema, real: RealValues, field = ''): fc.Arbitrary<unknown> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => validOf(b, real, field)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) model[key] = validOf(sub, real, key);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, minLength + 4));
      return fc.array(validOf(schema.items ?? {}, real, field), { minLength, maxLength });
    }
    case 'string':
      return validString(schema, field, real);
    case 'integer':
      return validInteger(schema);
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  const found: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => void found.push(...pathsOf(v, [...at, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) found.push(...pathsOf(v, [...at, k]));
  return found;
}

type Change = { kind: 'replace'; value: unknown } | { kind: 'delete' } | { kind: 'extra'; key: string; value: unknown };

function applyChange(root: unknown, path: Path, change: Change): unknown {
  if (path.length === 0) return change.kind === 'replace' ? change.value : change.kind === 'delete' ? undefined : root;
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (change.kind === 'replace') parent[last] = change.value;
  else if (change.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    // An own property, so "__proto__" really goes out in the JSON.
    if (target !== null && typeof target === 'object')
      Object.defineProperty(target, change.key, {
        value: change.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
  }
  return copy;
}

const extraKeys = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'createdAt',
  'role',
  'admin',
  '',
  '中文键',
  'a'.repeat(300),
);

/** A valid-shaped value with one thing wrong: a field of the wrong kind, missing, extra or null. */
export function mutatedOf(schema: JsonSchema, real: RealValues): fc.Arbitrary<unknown> {
  return validOf(schema, real).chain((value) => {
    const paths = pathsOf(value);
    return fc.integer({ min: 0, max: paths.length - 1 }).chain((index) => {
      const path = paths[index] as Path;
      const key = String(path[path.length - 1] ?? '');
      const hinted = hintedBadValue(key);
      const changes: fc.Arbitrary<Change>[] = [
        wrongValue.map((v): Change => ({ kind: 'replace', value: v })),
        fc.constant<Change>({ kind: 'delete' }),
        fc.constant<Change>({ kind: 'replace', value: null }),
        fc.tuple(extraKeys, wrongValue).map(([k, v]): Change => ({ kind: 'extra', key: k, value: v })),
      ];
      if (hinted)
        changes.push(
          hinted.map((v): Change => ({ kind: 'replace', value: v })),
          hinted.map((v): Change => ({ kind: 'replace', value: v })),
        );
      return fc.oneof(...changes).map((change) => applyChange(value, path, change));
    });
  });
}

/** One error type for every refusal the domain makes; the HTTP status comes from the table below. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  NOT_YOUR_TURN: 409,
  UNIT_TAKEN: 409,
  RIGHT_USED_UP: 409,
  AREA_OUT_OF_BAND: 409,
  RESERVED_FOR_PRIORITY: 409,
  STAGE_OUT_OF_ORDER: 409,
  NOT_CALLED: 409,
  ID_MISMATCH: 409,
  FORFEITED: 409,
  KEYS_NOT_RETURNED: 409,
  ROUND_CLOSED: 409,
  AGREEMENT_VOIDED: 410,
  PAYLOAD_TOO_LARGE: 413,
  /** An upload within the byte limit that would unpack or parse beyond one of the import limits. */
  IMPORT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_INVALID: 422,
  /** A signed copy with fewer pages than the agreement it claims to be. */
  SIGNED_COPY_PAGES: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_BUSY: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldIssue {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  field?: string;
  issues?: FieldIssue[];
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly issues: FieldIssue[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.issues = options.issues;
    this.details = options.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string, field?: string): AppError =>
  new AppError('NOT_FOUND', `${what}不存在`, field === undefined ? {} : { field });

/**
 * One error hierarchy and one wire shape for every failure the API reports:
 * `{ error: { code, message, fields?, requestId } }`. `code` is for machines, `message` for people.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}

export class ValidationError extends AppError {
  constructor(readonly fields: Record<string, string>) {
    super(422, 'validation_failed', 'Some fields are invalid', { fields });
  }
}

export class UnauthorizedError extends AppError {
  constructor(code = 'unauthorized', message = 'Authentication required') {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this') {
    super(403, 'forbidden', message);
  }
}

/** Another agency's id is indistinguishable from a missing one: both are 404. */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(409, code, message, details);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(code: string, message: string) {
    super(503, code, message);
  }
}

/** 429: wait `retryAfterSeconds` (also sent as Retry-After) before trying again. */
export class TooManyRequestsError extends AppError {
  constructor(limit: string, retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many attempts; try again in ${retryAfterSeconds} s`, {
      limit,
      retryAfterSeconds,
    });
  }
}

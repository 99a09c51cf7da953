// Turns every failure into the API's error shape: validation errors name the field, framework
// errors (bad JSON, oversized body, unknown route) get their stable codes, and anything unexpected
// is logged and answered as internal_error without details.

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type ApiErrorCode } from '../errors.js';
import { notBlankPattern } from '../validation.js';

interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

const frameworkCodes: Readonly<Record<string, ApiErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'content_type_unsupported',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'body_malformed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'body_malformed',
};

/** Answers a request no route matched, when it can (the web app's pages); false leaves it a 404. */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

export function registerErrorHandler(app: FastifyInstance, fallback?: NotFoundFallback): void {
  app.setErrorHandler((error: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(apiError.status).send(apiError.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply) === true) return reply;
    const error = new ApiError('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
    return reply.code(error.status).send(error.toBody());
  });
}

function toApiError(error: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }): ApiError {
  if (error instanceof ApiError) return error;
  if (error.validation !== undefined && error.validation.length > 0) return fromValidation(error.validation[0]!, error.validationContext);
  const code = frameworkCodes[error.code] ?? (error instanceof SyntaxError ? 'body_malformed' : undefined);
  if (code !== undefined) return new ApiError(code, error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return new ApiError('parameter_invalid', error.message);
  return new ApiError('internal_error', 'Something went wrong on our side; the request may be retried with the same Idempotency-Key.');
}

function fromValidation(issue: ValidationIssue, context: string | undefined): ApiError {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const join = (name: string) => (path === '' ? name : `${path}.${name}`);
  const where = context === 'querystring' ? 'query parameter' : context === 'params' ? 'path parameter' : 'field';
  if (issue.keyword === 'required') {
    const param = join(String(issue.params.missingProperty));
    return new ApiError('parameter_missing', `The ${where} ${param} is required.`, param);
  }
  if (issue.keyword === 'additionalProperties') {
    const param = join(String(issue.params.additionalProperty));
    return new ApiError('parameter_unknown', `The ${where} ${param} is not known.`, param);
  }
  if (issue.keyword === 'pattern' && issue.params.pattern === notBlankPattern) return new ApiError('parameter_invalid', `The ${where} ${path} must not be blank.`, path);
  if (issue.keyword === 'minProperties' && path === '') return new ApiError('parameter_missing', `The ${context === 'body' ? 'body' : where} must name at least one field to change.`);
  const param = path === '' ? null : path;
  return new ApiError('parameter_invalid', `The ${where} ${param ?? '(body)'} ${issue.message ?? 'is invalid'}.`, param);
}

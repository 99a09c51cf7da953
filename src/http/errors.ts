// The API's one error shape, {"error":{"type","code","message","param"}}, and the catalogue of its
// codes (docs/errors.md lists them; a test keeps the two in step).

export type ErrorType = 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'card_error' | 'idempotency_error' | 'rate_limit_error' | 'api_error';

export interface ErrorDefinition {
  readonly status: number;
  readonly type: ErrorType;
}

/** Every code the HTTP layer itself answers with, with its status and type. */
export const apiErrors = {
  parameter_missing: { status: 400, type: 'invalid_request_error' },
  parameter_unknown: { status: 400, type: 'invalid_request_error' },
  parameter_invalid: { status: 400, type: 'invalid_request_error' },
  body_malformed: { status: 400, type: 'invalid_request_error' },
  body_too_large: { status: 400, type: 'invalid_request_error' },
  content_type_unsupported: { status: 400, type: 'invalid_request_error' },
  route_not_found: { status: 404, type: 'invalid_request_error' },
  idempotency_key_invalid: { status: 400, type: 'idempotency_error' },
  idempotency_key_in_use: { status: 409, type: 'idempotency_error' },
  idempotency_key_reused: { status: 409, type: 'idempotency_error' },
  internal_error: { status: 500, type: 'api_error' },
  authentication_required: { status: 401, type: 'authentication_error' },
  api_key_invalid: { status: 401, type: 'authentication_error' },
  api_key_scope_missing: { status: 403, type: 'permission_error' },
  api_key_scope_invalid: { status: 400, type: 'invalid_request_error' },
  api_key_limit_reached: { status: 400, type: 'invalid_request_error' },
  permission_denied: { status: 403, type: 'permission_error' },
  resource_missing: { status: 404, type: 'invalid_request_error' },
  merchant_not_found: { status: 404, type: 'invalid_request_error' },
  merchant_frozen: { status: 403, type: 'permission_error' },
  role_invalid: { status: 400, type: 'invalid_request_error' },
  credentials_invalid: { status: 401, type: 'authentication_error' },
  sign_in_rate_limited: { status: 429, type: 'rate_limit_error' },
  identifier_missing: { status: 400, type: 'invalid_request_error' },
  phone_invalid: { status: 400, type: 'invalid_request_error' },
  email_invalid: { status: 400, type: 'invalid_request_error' },
  password_invalid: { status: 400, type: 'invalid_request_error' },
  phone_taken: { status: 409, type: 'invalid_request_error' },
  email_taken: { status: 409, type: 'invalid_request_error' },
  user_frozen: { status: 403, type: 'permission_error' },
  pin_invalid: { status: 400, type: 'invalid_request_error' },
  pin_not_set: { status: 400, type: 'invalid_request_error' },
  pin_incorrect: { status: 403, type: 'permission_error' },
  pin_locked: { status: 403, type: 'permission_error' },
  amount_empty: { status: 400, type: 'invalid_request_error' },
  amount_malformed: { status: 400, type: 'invalid_request_error' },
  amount_too_precise: { status: 400, type: 'invalid_request_error' },
  amount_negative: { status: 400, type: 'invalid_request_error' },
  amount_zero: { status: 400, type: 'invalid_request_error' },
  amount_too_large: { status: 400, type: 'invalid_request_error' },
  currency_unsupported: { status: 400, type: 'invalid_request_error' },
  card_number_invalid: { status: 400, type: 'invalid_request_error' },
  card_not_found: { status: 404, type: 'invalid_request_error' },
  card_declined: { status: 402, type: 'card_error' },
  card_insufficient_funds: { status: 402, type: 'card_error' },
  bank_processing_error: { status: 402, type: 'card_error' },
  recipient_not_found: { status: 404, type: 'invalid_request_error' },
  transfer_to_self: { status: 400, type: 'invalid_request_error' },
  balance_insufficient: { status: 402, type: 'invalid_request_error' },
  balance_cap_exceeded: { status: 402, type: 'invalid_request_error' },
  daily_limit_exceeded: { status: 402, type: 'invalid_request_error' },
  identity_check_failed: { status: 400, type: 'invalid_request_error' },
  cursor_invalid: { status: 400, type: 'invalid_request_error' },
  month_invalid: { status: 400, type: 'invalid_request_error' },
  trade_not_found: { status: 404, type: 'invalid_request_error' },
  out_trade_no_taken: { status: 409, type: 'invalid_request_error' },
  timeout_express_invalid: { status: 400, type: 'invalid_request_error' },
  items_total_mismatch: { status: 400, type: 'invalid_request_error' },
  trade_status_invalid: { status: 409, type: 'invalid_request_error' },
  trade_closed: { status: 409, type: 'invalid_request_error' },
  trade_buyer_mismatch: { status: 403, type: 'permission_error' },
  item_invalid: { status: 400, type: 'invalid_request_error' },
  extension_invalid: { status: 400, type: 'invalid_request_error' },
  refund_amount_too_large: { status: 400, type: 'invalid_request_error' },
  refund_request_conflict: { status: 409, type: 'idempotency_error' },
  refund_unfundable: { status: 402, type: 'invalid_request_error' },
  trade_changed: { status: 409, type: 'invalid_request_error' },
  trade_disputed: { status: 409, type: 'invalid_request_error' },
  dispute_not_allowed: { status: 409, type: 'invalid_request_error' },
  dispute_not_found: { status: 404, type: 'invalid_request_error' },
  dispute_status_invalid: { status: 409, type: 'invalid_request_error' },
  split_receiver_invalid: { status: 400, type: 'invalid_request_error' },
  refund_request_exists: { status: 409, type: 'invalid_request_error' },
  refund_request_not_found: { status: 404, type: 'invalid_request_error' },
  refund_request_pending: { status: 409, type: 'invalid_request_error' },
  split_amount_too_large: { status: 400, type: 'invalid_request_error' },
  split_request_conflict: { status: 409, type: 'idempotency_error' },
  webhook_url_invalid: { status: 400, type: 'invalid_request_error' },
  webhook_endpoint_limit_reached: { status: 400, type: 'invalid_request_error' },
  event_type_invalid: { status: 400, type: 'invalid_request_error' },
  webhook_delivery_sending: { status: 409, type: 'invalid_request_error' },
  webhook_endpoint_disabled: { status: 409, type: 'invalid_request_error' },
  app_disabled: { status: 409, type: 'invalid_request_error' },
  public_key_invalid: { status: 400, type: 'invalid_request_error' },
  payout_account_missing: { status: 400, type: 'invalid_request_error' },
  day_invalid: { status: 400, type: 'invalid_request_error' },
  test_clocks_unavailable: { status: 403, type: 'permission_error' },
  test_clock_not_found: { status: 404, type: 'invalid_request_error' },
  test_clock_time_invalid: { status: 400, type: 'invalid_request_error' },
  test_clock_limit_reached: { status: 400, type: 'invalid_request_error' },
  app_limit_reached: { status: 400, type: 'invalid_request_error' },
} as const satisfies Record<string, ErrorDefinition>;

export type ApiErrorCode = keyof typeof apiErrors;

/** An expected failure of a request, answered in the API's error shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: ErrorType;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.status = apiErrors[code].status;
    this.type = apiErrors[code].type;
  }

  toBody(): { error: { type: ErrorType; code: string; message: string; param: string | null } } {
    return { error: { type: this.type, code: this.code, message: this.message, param: this.param } };
  }
}

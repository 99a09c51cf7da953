// The gateway's answers: `{"<method>_response":{code,msg,…},"sign":…}` with Alipay's codes, and the
// failures each method may give with their sub codes.

export type GatewayCode = '10000' | '20000' | '40001' | '40002' | '40004';

const messages: Record<GatewayCode, string> = {
  '10000': 'Success',
  '20000': 'Service Currently Unavailable',
  '40001': 'Missing Required Arguments',
  '40002': 'Invalid Arguments',
  '40004': 'Business Failed',
};

export interface GatewayFailure {
  readonly code: Exclude<GatewayCode, '10000'>;
  readonly subCode: string;
  readonly subMessage: string;
}

export class GatewayError extends Error {
  constructor(readonly failure: GatewayFailure) {
    super(failure.subMessage);
  }
}

export const missing = (what: string, subCode: string): GatewayError => new GatewayError({ code: '40001', subCode, subMessage: `Missing ${what}.` });
export const invalid = (subCode: string, subMessage: string): GatewayError => new GatewayError({ code: '40002', subCode, subMessage });
export const businessFailure = (subCode: string, subMessage: string): GatewayError => new GatewayError({ code: '40004', subCode, subMessage });

export function successBody(fields: Record<string, unknown>): Record<string, unknown> {
  return { code: '10000', msg: messages['10000'], ...fields };
}

export function failureBody(failure: GatewayFailure): Record<string, unknown> {
  return { code: failure.code, msg: messages[failure.code], sub_code: failure.subCode, sub_msg: failure.subMessage };
}

/** The answer's text: the response value's JSON, signed as it stands in the body. */
export function answerText(responseKey: string, body: Record<string, unknown>, sign: (text: string) => string): string {
  const inner = JSON.stringify(body);
  return `{${JSON.stringify(responseKey)}:${inner},"sign":${JSON.stringify(sign(inner))}}`;
}

export function responseKeyOf(method: string): string {
  return `${method.replaceAll('.', '_')}_response`;
}

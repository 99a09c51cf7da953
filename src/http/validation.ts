// Request validation. Bodies are checked strictly: unknown fields and wrong types are errors, never
// dropped or converted. Query strings and path parameters arrive as text, so numbers and booleans
// there are converted before they are checked.

import { Ajv, type Options } from 'ajv';
import { Type, type TString } from 'typebox';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: false, removeAdditional: false, useDefaults: true, ...options });
  addFormats.default(ajv);
  return ajv;
}

export function registerValidation(app: FastifyInstance): void {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}

/** The pattern of text that is not blank: at least one character other than white space. */
export const notBlankPattern = '\\S';

/** A name someone gives (a merchant's, an app's, a test clock's, a person's): 1 to `max` characters, not all white space. */
export function nameField(max: number): TString {
  return Type.String({ minLength: 1, maxLength: max, pattern: notBlankPattern });
}

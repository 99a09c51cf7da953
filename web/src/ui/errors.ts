// An API failure in plain words in the current language: the catalogue's message for its code,
// or the API's own message when the code has none.

import { ApiFailure } from '../api/client.js';
import { hasMessage, type Translate } from '../i18n/i18n.js';

export function describeError(t: Translate, error: unknown): string {
  if (error instanceof ApiFailure) {
    const key = `error.${error.code}`;
    if (hasMessage(key)) return t(key, { param: error.param ?? '' });
    return t('error.generic', { message: error.message });
  }
  return t('error.generic', { message: error instanceof Error ? error.message : String(error) });
}

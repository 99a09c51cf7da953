// The dashboard's catalogue (English and Simplified Chinese), registered when the dashboard loads,
// with the messages of the API's error codes that only the dashboard meets.

import type { Catalog } from '../i18n/i18n.js';
import { settingsMessages } from './messages-settings.js';
import { tradeMessages } from './messages-trades.js';

const errorsEn = {
  'error.merchant_not_found': 'You are no longer a member of this merchant. Choose another.',
  'error.merchant_frozen': 'The platform froze this merchant: nothing can be done for it until it is unfrozen. Contact support.',
  'error.api_key_scope_invalid': 'One of the chosen scopes does not exist.',
  'error.api_key_limit_reached': 'This merchant has the most keys allowed (50); revoke one first.',
  'error.app_limit_reached': 'This merchant has the most active apps allowed (20); disable one first.',
  'error.app_disabled': 'This app is disabled: it cannot be changed.',
  'error.webhook_endpoint_limit_reached': 'This merchant has the most endpoints allowed; disable one first.',
  'error.event_type_invalid': 'An event type is not valid.',
  'error.refund_request_conflict': 'This refund number was used for another amount. Reload the page and try again.',
  'error.refund_request_not_found': 'The trade has no refund request waiting any more.',
  'error.dispute_not_found': 'This trade has no dispute.',
  'error.cursor_invalid': 'The list changed. Reload the page.',
  'error.timeout_express_invalid': 'Choose how long the code stays valid.',
};

const errorsZh: Record<keyof typeof errorsEn, string> = {
  'error.merchant_not_found': '您已不是该商家的成员，请选择其他商家。',
  'error.merchant_frozen': '平台已冻结该商家，解冻前不能进行任何操作。请联系客服。',
  'error.api_key_scope_invalid': '所选权限中有不存在的项。',
  'error.api_key_limit_reached': '密钥数量已达上限（50 个），请先吊销一个。',
  'error.app_limit_reached': '有效应用数量已达上限（20 个），请先停用一个。',
  'error.app_disabled': '该应用已停用，不能再修改。',
  'error.webhook_endpoint_limit_reached': '接收地址数量已达上限，请先停用一个。',
  'error.event_type_invalid': '事件类型无效。',
  'error.refund_request_conflict': '该退款单号已用于其他金额，请刷新页面后重试。',
  'error.refund_request_not_found': '该交易已没有待处理的退款申请。',
  'error.dispute_not_found': '该交易没有争议。',
  'error.cursor_invalid': '列表已变化，请刷新页面。',
  'error.timeout_express_invalid': '请选择收款码的有效期。',
};

export const merchantMessages: Catalog = {
  en: { ...tradeMessages.en, ...settingsMessages.en, ...errorsEn },
  zh: { ...tradeMessages.zh, ...settingsMessages.zh, ...errorsZh },
};

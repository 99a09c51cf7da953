// My payment code, for a till to scan: a one-time code (QR and Code 128 barcode) good for a
// minute and for one payment. A new code replaces it before it runs out, while the page is seen.

import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { PaymentCode } from '../../api/types.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, ErrorState, Loading, PageTitle } from '../../ui/components.js';
import { useResource } from '../../ui/hooks.js';
import { Barcode, QrCode } from '../../ui/qr.js';
import { moneyMessages } from '../messages-money.js';

addMessages(moneyMessages);

/** A code is replaced this long before it runs out, so the till never reads a dead one. */
const renewLeadMilliseconds = 10_000;
/** A code lives a minute; a clock that disagrees with the server's is not trusted past that. */
const lifetimeMaxMilliseconds = 60_000;
const lifetimeMinMilliseconds = 5_000;

interface Received {
  readonly code: PaymentCode;
  /** When it runs out, by this device's clock. */
  readonly deadline: number;
}

async function newCode(): Promise<Received> {
  const code = await api<PaymentCode>('POST', '/v1/payment_codes');
  const now = Date.now();
  const lifetime = Math.min(lifetimeMaxMilliseconds, Math.max(lifetimeMinMilliseconds, Date.parse(code.expires_at) - now));
  return { code, deadline: now + lifetime };
}

/** "281234567890123456" → "2812 3456 7890 1234 56", easier to read out. */
function grouped(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export default function PayCode() {
  const { t } = useI18n();
  const [round, setRound] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const received = useResource(() => newCode(), [round]);
  const current = received.data;

  // Ticks the countdown, and asks for the next code in time (only while the page is seen).
  useEffect(() => {
    if (current === undefined) return;
    const renewAt = current.deadline - renewLeadMilliseconds;
    // One request per code: the next code ends this effect and starts another.
    let asked = false;
    const renewIfDue = () => {
      if (asked || Date.now() < renewAt || document.visibilityState !== 'visible') return;
      asked = true;
      setRound((value) => value + 1);
    };
    const tick = setInterval(() => {
      setNow(Date.now());
      renewIfDue();
    }, 1_000);
    const seen = () => renewIfDue();
    document.addEventListener('visibilitychange', seen);
    return () => {
      clearInterval(tick);
      document.removeEventListener('visibilitychange', seen);
    };
  }, [current]);

  const live = current !== undefined && now < current.deadline;
  const seconds = current === undefined ? 0 : Math.min(lifetimeMaxMilliseconds / 1000, Math.max(0, Math.ceil((current.deadline - now) / 1000)));
  return (
    <>
      <PageTitle>{t('wallet.payCode.title')}</PageTitle>
      <section className="card code-box">
        <p>{t('wallet.payCode.hint')}</p>
        {received.error !== undefined ? <ErrorState error={received.error} onRetry={() => setRound((value) => value + 1)} /> : null}
        {current === undefined && received.loading ? <Loading /> : null}
        {current !== undefined && live ? (
          <>
            <Barcode value={current.code.code} label={t('wallet.payCode.barcode')} />
            <p className="mono code-digits" data-testid="payment-code">
              {grouped(current.code.code)}
            </p>
            <QrCode value={current.code.code} label={t('wallet.payCode.qr')} size={200} />
            <p className="countdown" aria-live="off">
              {received.loading ? t('wallet.payCode.renewing') : t('wallet.payCode.countdown', { seconds })}
            </p>
          </>
        ) : null}
        {current !== undefined && !live && !received.loading ? <p className="muted">{t('wallet.payCode.expired')}</p> : null}
        <Button variant="secondary" busy={received.loading && current !== undefined} onClick={() => setRound((value) => value + 1)}>
          {t('wallet.payCode.renew')}
        </Button>
        <p className="muted">{t('wallet.payCode.limit')}</p>
      </section>
    </>
  );
}

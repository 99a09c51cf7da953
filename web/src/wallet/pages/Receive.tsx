// My receive code: a QR code of my receive link, to be scanned by another Zhifu user, and the
// link itself to copy and send.

import { api } from '../../api/client.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { CopyButton, ErrorState, Loading, PageTitle } from '../../ui/components.js';
import { useResource } from '../../ui/hooks.js';
import { QrCode } from '../../ui/qr.js';
import { moneyMessages } from '../messages-money.js';
import { useWalletSession } from '../session.js';

addMessages(moneyMessages);

interface ReceiveCode {
  readonly object: 'receive_code';
  readonly user: string;
  readonly url: string;
}

export default function Receive() {
  const { t } = useI18n();
  const { me } = useWalletSession();
  const code = useResource((signal) => api<ReceiveCode>('GET', '/v1/me/receive_code', { signal }), []);
  return (
    <>
      <PageTitle>{t('wallet.receive.title')}</PageTitle>
      <section className="card code-box">
        {code.loading ? <Loading /> : null}
        {code.error !== undefined ? <ErrorState error={code.error} onRetry={code.reload} /> : null}
        {code.data !== undefined ? (
          <>
            <p>{t('wallet.receive.hint')}</p>
            <QrCode value={code.data.url} label={t('wallet.receive.qr', { name: me.phone ?? me.email ?? '' })} />
            <p className="muted">{me.phone ?? me.email}</p>
            <p className="mono" data-testid="receive-url">
              {code.data.url}
            </p>
            <CopyButton text={code.data.url} />
          </>
        ) : null}
      </section>
    </>
  );
}

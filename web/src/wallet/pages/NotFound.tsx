// A wallet address that leads nowhere.

import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.js';
import { PageTitle } from '../../ui/components.js';

export default function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('wallet.notFound.title')}</PageTitle>
      <p>{t('wallet.notFound.text')}</p>
      <Link className="button button-primary" to="/">
        {t('wallet.nav.home')}
      </Link>
    </>
  );
}

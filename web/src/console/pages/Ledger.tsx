// The ledger at a glance: every balance summed by account type (code), and the invariant check
// (money is conserved: debits equal credits on every ledger; balances within their limits), with
// when it ran. The server runs the check at most once a minute and answers the last one meanwhile.

import type { ReactNode } from 'react';
import { hasMessage, useI18n } from '../../i18n/i18n.js';
import { Button, ErrorState, Loading, Money, PageTitle } from '../../ui/components.js';
import { useResource } from '../../ui/hooks.js';
import { Facts, Table } from '../components.js';
import { formatExactTime } from '../format.js';
import { consoleApi } from '../session.js';
import type { LedgerBalances, LedgerOverview } from '../types.js';

/** An amount of a ledger: money when the ledger is a currency, else a count of minor units. */
function Amount({ value, balances }: { readonly value: string; readonly balances: LedgerBalances }) {
  return balances.currency === null ? <span className="money">{value}</span> : <Money amount={value} currency={balances.currency} />;
}

export function Ledger() {
  const { t, locale } = useI18n();
  const overview = useResource((signal) => consoleApi<LedgerOverview>('GET', '/v1/operator/ledger', { signal }), []);
  const title = (
    <PageTitle
      actions={
        <Button variant="secondary" busy={overview.loading && overview.data !== undefined} onClick={overview.reload}>
          {t('console.refresh')}
        </Button>
      }
    >
      {t('console.ledger.title')}
    </PageTitle>
  );
  if (overview.data === undefined) return <>{title}{overview.error === undefined ? <Loading label={t('console.ledger.checking')} /> : <ErrorState error={overview.error} onRetry={overview.reload} />}</>;

  const { account_codes: codes, check } = overview.data;
  const codeName = (code: number, name: string | null): ReactNode => (hasMessage(`console.code.${code}`) ? t(`console.code.${code}`) : (name ?? t('console.code.unknown', { code })));
  return (
    <>
      {title}
      <p className="muted">{t('console.ledger.intro')}</p>
      <section className={`card check-card ${check.ok ? 'check-pass' : 'check-fail'}`} aria-labelledby="ledger-check">
        <h2 id="ledger-check">{t('console.ledger.check')}</h2>
        <p className="check-result" data-testid="ledger-check" role="status">
          <span className={`badge ${check.ok ? 'badge-pass' : 'badge-fail'}`}>{check.ok ? t('console.ledger.pass') : t('console.ledger.fail')}</span> {check.ok ? t('console.ledger.passText') : t('console.ledger.failText', { count: check.failure_count })}
        </p>
        <Facts
          facts={[
            [t('console.ledger.checkedAt'), formatExactTime(check.checked_at, locale)],
            [t('console.ledger.accounts'), check.accounts.toLocaleString(locale)],
            [t('console.ledger.transfers'), check.transfers.toLocaleString(locale)],
          ]}
        />
        {check.failures.length === 0 ? null : (
          <>
            <h3>{t('console.ledger.failures')}</h3>
            <ul className="failures">
              {check.failures.map((failure, index) => (
                <li key={index}>
                  <code>{failure.rule}</code> {failure.message}
                </li>
              ))}
            </ul>
          </>
        )}
        <p className="muted small">{t('console.ledger.checkNote')}</p>
      </section>
      <section className="card" aria-labelledby="ledger-codes">
        <h2 id="ledger-codes">{t('console.ledger.byType')}</h2>
        <Table caption={t('console.ledger.byType')}>
          <thead>
            <tr>
              <th scope="col">{t('console.ledger.code')}</th>
              <th scope="col">{t('console.ledger.type')}</th>
              <th scope="col" className="num">{t('console.ledger.accounts')}</th>
              <th scope="col" className="num">{t('console.ledger.debitsPosted')}</th>
              <th scope="col" className="num">{t('console.ledger.creditsPosted')}</th>
              <th scope="col" className="num">{t('console.ledger.debitsPending')}</th>
              <th scope="col" className="num">{t('console.ledger.creditsPending')}</th>
              <th scope="col" className="num">{t('console.ledger.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {codes.map((row) => (
              <tr key={`${row.ledger}:${row.code}`}>
                <td className="mono">{row.code}</td>
                <td className="nowrap">
                  {codeName(row.code, row.name)}
                  {row.currency === null ? null : <span className="muted"> · {row.currency}</span>}
                </td>
                <td className="num">{row.accounts.toLocaleString(locale)}</td>
                <td className="num"><Amount value={row.debits_posted} balances={row} /></td>
                <td className="num"><Amount value={row.credits_posted} balances={row} /></td>
                <td className="num"><Amount value={row.debits_pending} balances={row} /></td>
                <td className="num"><Amount value={row.credits_pending} balances={row} /></td>
                <td className="num strong"><Amount value={row.balance} balances={row} /></td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="muted small">{t('console.ledger.balanceNote')}</p>
      </section>
      <section className="card" aria-labelledby="ledger-totals">
        <h2 id="ledger-totals">{t('console.ledger.totals')}</h2>
        <Table caption={t('console.ledger.totals')}>
          <thead>
            <tr>
              <th scope="col">{t('console.ledger.ledger')}</th>
              <th scope="col" className="num">{t('console.ledger.accounts')}</th>
              <th scope="col" className="num">{t('console.ledger.debitsPosted')}</th>
              <th scope="col" className="num">{t('console.ledger.creditsPosted')}</th>
              <th scope="col" className="num">{t('console.ledger.debitsPending')}</th>
              <th scope="col" className="num">{t('console.ledger.creditsPending')}</th>
            </tr>
          </thead>
          <tbody>
            {check.ledgers.map((ledger) => (
              <tr key={ledger.ledger}>
                <td>
                  <span className="mono">{ledger.ledger}</span>
                  {ledger.currency === null ? null : <span className="muted"> · {ledger.currency}</span>}
                </td>
                <td className="num">{ledger.accounts.toLocaleString(locale)}</td>
                <td className="num"><Amount value={ledger.debits_posted} balances={ledger} /></td>
                <td className="num"><Amount value={ledger.credits_posted} balances={ledger} /></td>
                <td className="num"><Amount value={ledger.debits_pending} balances={ledger} /></td>
                <td className="num"><Amount value={ledger.credits_pending} balances={ledger} /></td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="muted small">{t('console.ledger.totalsNote')}</p>
      </section>
    </>
  );
}

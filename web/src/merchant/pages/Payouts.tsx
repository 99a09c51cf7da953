// Payouts: the balance, paying out now (an amount, or all that is available), the payouts made
// (held, then paid by the bank or given back), and for owners and admins the bank account payouts
// go to and the schedule (every business day, T+1, or only on request), each shown as it is set.

import { useState, type FormEvent } from 'react';
import type { List } from '../../api/client.js';
import { hasMessage, useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Field, Loading, Money, Outcome, PageTitle, StatusBadge } from '../../ui/components.js';
import { amountProblem, formatDateTime, formatMoney } from '../../ui/format.js';
import { usePagedList, useResource, type PagedList, type Resource } from '../../ui/hooks.js';
import { useMerchantAction, useMerchantCall } from '../merchant-api.js';
import { useMerchantSession } from '../session.js';
import type { Payout, PayoutAccount, PayoutSettings } from '../types.js';

export function Payouts() {
  const { t } = useI18n();
  const call = useMerchantCall();
  const { membership, can } = useMerchantSession();
  const list = usePagedList((startingAfter, signal) => call<List<Payout>>('GET', '/v1/payouts', { query: { limit: 20, starting_after: startingAfter }, signal }), [call]);
  return (
    <>
      <PageTitle>{t('merchant.payouts.title')}</PageTitle>
      <div className="m-grid-2">
        <section className="card" aria-labelledby="balance-heading">
          <h2 id="balance-heading">{t('merchant.payouts.balance')}</h2>
          <dl className="m-amounts">
            <div>
              <dt>{t('merchant.balance.available')}</dt>
              <dd>
                <Money amount={membership.balance.available} currency={membership.balance.currency} />
              </dd>
            </div>
            <div>
              <dt>{t('merchant.balance.pending')}</dt>
              <dd>
                <Money amount={membership.balance.pending} currency={membership.balance.currency} />
              </dd>
            </div>
          </dl>
          {can('payouts:write') ? <PayOutNow onDone={list.reload} /> : <p className="muted">{t('merchant.payouts.roleCannot')}</p>}
        </section>
        {can('settings:manage') ? (
          <PayoutSettingsCard />
        ) : null}
      </div>
      <section className="card" aria-labelledby="payouts-heading" aria-busy={list.loading}>
        <h2 id="payouts-heading">{t('merchant.payouts.history')}</h2>
        <PayoutTable list={list} />
      </section>
    </>
  );
}

function PayoutTable({ list }: { readonly list: PagedList<Payout> }) {
  const { t, locale } = useI18n();
  if (list.items.length === 0) {
    if (list.error !== undefined) return <ErrorState error={list.error} onRetry={list.reload} />;
    return list.loading || list.hasMore ? <Loading /> : <Empty>{t('merchant.payouts.none')}</Empty>;
  }
  return (
    <>
      <div className="table-wrap">
        <table data-testid="payouts">
          <thead>
            <tr>
              <th scope="col">{t('merchant.trade.created')}</th>
              <th scope="col">{t('merchant.payouts.kind')}</th>
              <th scope="col">{t('merchant.trade.status')}</th>
              <th scope="col">{t('merchant.payouts.settled')}</th>
              <th scope="col" className="num">
                {t('merchant.trade.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((payout) => (
              <tr key={payout.id}>
                <td className="m-nowrap">{formatDateTime(payout.created_at, locale)}</td>
                <td>{payout.automatic_for === null ? t('merchant.payouts.onRequest') : t('merchant.payouts.automatic', { day: payout.automatic_for })}</td>
                <td>
                  <StatusBadge status={payout.status} prefix="merchant.payoutStatus" />
                  {payout.failure_code === null ? null : <div className="muted m-small">{hasMessage(`error.${payout.failure_code}`) ? t(`error.${payout.failure_code}`) : payout.failure_code}</div>}
                </td>
                <td className="m-nowrap">{formatDateTime(payout.settled_at, locale)}</td>
                <td className="num">
                  <Money amount={payout.amount} currency={payout.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.hasMore ? (
        <div className="m-list-foot">
          <Button variant="secondary" busy={list.loading} onClick={list.loadMore}>
            {t('state.more')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function PayOutNow({ onDone }: { readonly onDone: () => void }) {
  const { t } = useI18n();
  const { refresh } = useMerchantSession();
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [made, setMade] = useState<Payout | undefined>(undefined);
  const payout = useMerchantAction((send) => send<Payout>('POST', '/v1/payouts', { body: { ...(amount.trim() === '' ? {} : { amount: amount.trim() }), currency: 'CNY' } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const issue = amount.trim() === '' ? undefined : amountProblem(amount);
    setProblem(issue === undefined ? undefined : t(`error.${issue}`));
    if (issue !== undefined) return;
    setMade(undefined);
    const result = await payout.run();
    if (result === undefined) return;
    setMade(result);
    setAmount('');
    onDone();
    void refresh();
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="payout-now-heading">
      <h3 id="payout-now-heading">{t('merchant.payouts.now')}</h3>
      <Field label={t('merchant.payouts.amount')} hint={t('merchant.payouts.amountHint')} inputMode="decimal" value={amount} error={problem} onChange={(event) => setAmount(event.target.value)} />
      <Outcome error={payout.error} success={made === undefined ? undefined : t(`merchant.payouts.made.${made.status === 'paid' || made.status === 'failed' ? made.status : 'pending'}`, { amount: formatMoney(made.amount, made.currency) })} />
      <Button type="submit" busy={payout.busy}>
        {t('merchant.payouts.submit')}
      </Button>
    </form>
  );
}

const brandNames: Readonly<Record<string, string>> = { visa: 'Visa', unionpay: 'UnionPay', mastercard: 'Mastercard' };

/** The owner's and admins' payout settings: the account and the schedule, each shown as it is set now. */
function PayoutSettingsCard() {
  const { t } = useI18n();
  const call = useMerchantCall();
  const { membership } = useMerchantSession();
  const settings = useResource((signal) => call<PayoutSettings>('GET', `/v1/merchants/${membership.id}/payout_settings`, { signal }), [call, membership.id]);
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('merchant.payouts.settings')}</h2>
      {settings.error === undefined ? null : <ErrorState error={settings.error} onRetry={settings.reload} />}
      <PayoutAccountForm settings={settings} />
      {settings.data === undefined ? null : <ScheduleForm current={settings.data.schedule} />}
    </section>
  );
}

function PayoutAccountForm({ settings }: { readonly settings: Resource<PayoutSettings> }) {
  const { t } = useI18n();
  const { membership } = useMerchantSession();
  const [number, setNumber] = useState('');
  const save = useMerchantAction((send) => send<PayoutAccount>('POST', `/v1/merchants/${membership.id}/payout_account`, { body: { number: number.replace(/\s/g, '') } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await save.run()) === undefined) return;
    setNumber('');
    settings.reload();
  };
  const account = settings.data?.account;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="account-heading">
      <h3 id="account-heading">{t('merchant.payouts.account')}</h3>
      {settings.data === undefined ? (
        settings.error === undefined ? <Loading /> : null
      ) : (
        <p data-testid="payout-account">{account === null || account === undefined ? t('merchant.payouts.accountNone') : t('merchant.payouts.accountCurrent', { brand: brandNames[account.brand] ?? account.brand, last4: account.last4 })}</p>
      )}
      <p className="muted">{t('merchant.payouts.accountHelp')}</p>
      <Field label={t('merchant.payouts.accountNumber')} hint={t('merchant.payouts.accountHint')} inputMode="numeric" autoComplete="off" maxLength={32} value={number} onChange={(event) => setNumber(event.target.value)} />
      <Outcome error={save.error} success={save.result === undefined ? undefined : t('merchant.payouts.accountSaved', { brand: brandNames[save.result.brand] ?? save.result.brand, last4: save.result.last4 })} />
      <Button type="submit" variant="secondary" busy={save.busy}>
        {t('merchant.payouts.accountSave')}
      </Button>
    </form>
  );
}

/** The schedule, starting at the one set now. */
function ScheduleForm({ current }: { readonly current: string }) {
  const { t } = useI18n();
  const { membership } = useMerchantSession();
  const [schedule, setSchedule] = useState<'daily' | 'manual'>(current === 'manual' ? 'manual' : 'daily');
  const save = useMerchantAction((send) => send<{ schedule: string }>('POST', `/v1/merchants/${membership.id}/payout_schedule`, { body: { schedule } }));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
      aria-labelledby="schedule-heading"
    >
      <fieldset className="m-choice">
        <legend id="schedule-heading">{t('merchant.payouts.schedule')}</legend>
        <label>
          <input type="radio" name="schedule" checked={schedule === 'daily'} onChange={() => setSchedule('daily')} /> {t('merchant.payouts.daily')}
        </label>
        <label>
          <input type="radio" name="schedule" checked={schedule === 'manual'} onChange={() => setSchedule('manual')} /> {t('merchant.payouts.manual')}
        </label>
      </fieldset>
      <Outcome error={save.error} success={save.result === undefined ? undefined : t(`merchant.payouts.scheduleSaved.${save.result.schedule === 'manual' ? 'manual' : 'daily'}`)} />
      <Button type="submit" variant="secondary" busy={save.busy}>
        {t('merchant.payouts.scheduleSave')}
      </Button>
    </form>
  );
}

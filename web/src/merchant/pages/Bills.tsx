// Daily bills: the CSV of one business day (China Standard Time) with every movement of the
// merchant's balance and its totals, downloaded with the member's session for the merchant.

import { useState, type FormEvent } from 'react';
import { download } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Field, Outcome, PageTitle } from '../../ui/components.js';
import { useAction } from '../../ui/hooks.js';
import { formatDay } from '../DailyChart.js';
import { useMerchantSession } from '../session.js';

const chinaOffsetMilliseconds = 8 * 60 * 60 * 1000;
const dayMilliseconds = 24 * 60 * 60 * 1000;

/** The business day (yyyy-MM-dd, CST) `daysAgo` days before today. */
function businessDay(daysAgo: number): string {
  return new Date(Date.now() + chinaOffsetMilliseconds - daysAgo * dayMilliseconds).toISOString().slice(0, 10);
}

export function Bills() {
  const { t, locale } = useI18n();
  const { membership } = useMerchantSession();
  const [day, setDay] = useState(() => businessDay(1));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const fileName = (date: string) => `zhifu-bill-${date}.csv`;
  const get = useAction(async (_key: string, date: string) => {
    await download(`/v1/bills/${date}.csv`, fileName(date), { merchant: membership.id });
    return date;
  });
  const today = businessDay(0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && day <= today;
    setProblem(valid ? undefined : t('merchant.bills.dayInvalid'));
    if (valid) void get.run(day);
  };
  return (
    <>
      <PageTitle>{t('merchant.bills.title')}</PageTitle>
      <div className="m-grid-2">
        <form className="card" onSubmit={submit} noValidate aria-labelledby="bill-heading">
          <h2 id="bill-heading">{t('merchant.bills.pick')}</h2>
          <p className="muted">{t('merchant.bills.intro')}</p>
          <Field label={t('merchant.bills.day')} hint={t('merchant.bills.dayHint')} type="date" max={today} value={day} error={problem} onChange={(event) => setDay(event.target.value)} />
          <Outcome error={get.error} success={get.result === undefined ? undefined : t('merchant.bills.done', { file: fileName(get.result) })} />
          <Button type="submit" busy={get.busy}>
            {t('merchant.bills.download')}
          </Button>
        </form>
        <section className="card" aria-labelledby="recent-bills-heading">
          <h2 id="recent-bills-heading">{t('merchant.bills.recent')}</h2>
          <ul className="list">
            {[0, 1, 2, 3, 4, 5, 6].map((daysAgo) => {
              const date = businessDay(daysAgo);
              return (
                <li key={date}>
                  <span>
                    {formatDay(date, locale, 'long')}
                    {daysAgo === 0 ? <span className="muted"> · {t('merchant.bills.todaySoFar')}</span> : null}
                  </span>
                  <Button variant="secondary" disabled={get.busy} onClick={() => void get.run(date)} aria-label={t('merchant.bills.downloadDay', { day: formatDay(date, locale, 'long') })}>
                    {t('action.download')}
                  </Button>
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </>
  );
}

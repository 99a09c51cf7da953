// Monthly statements: a month's movements as a CSV file (GET /v1/statements/{YYYY-MM}.csv).

import { useState, type FormEvent } from 'react';
import { download } from '../../api/client.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, Outcome, PageTitle, SelectField } from '../../ui/components.js';
import { useAction } from '../../ui/hooks.js';
import { accountMessages } from '../messages-account.js';

addMessages(accountMessages);

/** How many months back are offered. */
const monthsOffered = 12;

/** This month and the ones before it, as YYYY-MM, newest first. */
function recentMonths(today: Date): string[] {
  return Array.from({ length: monthsOffered }, (_, back) => {
    const month = new Date(today.getFullYear(), today.getMonth() - back, 1);
    return `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, '0')}`;
  });
}

export default function Statements() {
  const { t, locale } = useI18n();
  const [months] = useState(() => recentMonths(new Date()));
  const [month, setMonth] = useState(months[0] ?? '');
  const name = (value: string) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long' }).format(new Date(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, 1));
  const fetchFile = useAction(async (_key, chosen: string) => {
    const file = `zhifu-statement-${chosen}.csv`;
    await download(`/v1/statements/${chosen}.csv`, file);
    return file;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void fetchFile.run(month);
  };
  return (
    <>
      <PageTitle>{t('wallet.statements.title')}</PageTitle>
      <form className="card" onSubmit={submit}>
        <p className="muted">{t('wallet.statements.hint')}</p>
        <SelectField
          label={t('wallet.statements.month')}
          value={month}
          onChange={(event) => {
            setMonth(event.target.value);
            fetchFile.reset();
          }}
        >
          {months.map((value) => (
            <option key={value} value={value}>
              {name(value)}
            </option>
          ))}
        </SelectField>
        <Outcome error={fetchFile.error} success={fetchFile.result === undefined ? undefined : t('wallet.statements.done', { file: fetchFile.result })} />
        <Button type="submit" busy={fetchFile.busy}>
          {t('wallet.statements.download')}
        </Button>
      </form>
    </>
  );
}

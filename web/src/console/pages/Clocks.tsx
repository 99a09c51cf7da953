// Sandbox test clocks: every clock (merchants' and the platform's), with its simulated time, and a
// form to make one, starting now or at a chosen time. Each opens the clock and its trades.

import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { List } from '../../api/client.js';
import type { TestClock } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Field, Loading, Outcome, PageTitle } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { Table } from '../components.js';
import { useFormAction } from '../hooks.js';
import { formatExactTime, localInputToIso } from '../format.js';
import { consoleApi } from '../session.js';

/** The longest clock name the API takes. */
const clockNameLengthMax = 100;

export function Clocks() {
  const { t, locale } = useI18n();
  const clocks = useResource((signal) => consoleApi<List<TestClock>>('GET', '/v1/test_clocks', { signal }), []);
  return (
    <>
      <PageTitle
        actions={
          <Button variant="secondary" busy={clocks.loading && clocks.data !== undefined} onClick={clocks.reload}>
            {t('console.refresh')}
          </Button>
        }
      >
        {t('console.clocks.title')}
      </PageTitle>
      <p className="muted">{t('console.clocks.intro')}</p>
      <div className="console-grid wide-first">
        <section className="card" aria-labelledby="clocks-list">
          <h2 id="clocks-list">{t('console.clocks.all')}</h2>
          {clocks.data === undefined ? (
            clocks.error === undefined ? (
              <Loading />
            ) : (
              <ErrorState error={clocks.error} onRetry={clocks.reload} />
            )
          ) : clocks.data.data.length === 0 ? (
            <Empty>{t('console.clocks.none')}</Empty>
          ) : (
            <Table caption={t('console.clocks.all')}>
              <thead>
                <tr>
                  <th scope="col">{t('console.clocks.name')}</th>
                  <th scope="col">{t('console.clocks.time')}</th>
                  <th scope="col">{t('console.clocks.owner')}</th>
                  <th scope="col">{t('console.col.created')}</th>
                </tr>
              </thead>
              <tbody>
                {clocks.data.data.map((clock) => (
                  <tr key={clock.id}>
                    <td>
                      <Link to={`/console/clocks/${encodeURIComponent(clock.id)}`}>{clock.name}</Link>
                      <div className="mono small muted">{clock.id}</div>
                    </td>
                    <td>{formatExactTime(clock.frozen_time, locale)}</td>
                    <td>{clock.merchant === null ? t('console.clocks.platform') : <span className="mono">{clock.merchant}</span>}</td>
                    <td>{formatDateTime(clock.created_at, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
        <CreateClock />
      </div>
    </>
  );
}

function CreateClock() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [start, setStart] = useState('');
  const [problems, setProblems] = useState<{ name?: string; start?: string }>({});
  const create = useFormAction((key) => consoleApi<TestClock>('POST', '/v1/test_clocks', { idempotencyKey: key, body: { name: name.trim(), ...(start === '' ? {} : { frozen_time: localInputToIso(start) }) } }), [name, start]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = { ...(name.trim() === '' ? { name: t('field.required') } : {}), ...(start !== '' && localInputToIso(start) === undefined ? { start: t('console.clocks.startInvalid') } : {}) };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const clock = await create.run();
    if (clock !== undefined) navigate(`/console/clocks/${encodeURIComponent(clock.id)}`, { state: { created: true } });
  };
  return (
    <section className="card" aria-labelledby="clocks-create">
      <h2 id="clocks-create">{t('console.clocks.create')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('console.clocks.name')} maxLength={clockNameLengthMax} value={name} error={problems.name} onChange={(event) => setName(event.target.value)} />
        <Field label={t('console.clocks.start')} hint={t('console.clocks.startHint')} type="datetime-local" step={1} value={start} error={problems.start} onChange={(event) => setStart(event.target.value)} />
        <Outcome error={create.error} />
        <Button type="submit" busy={create.busy}>
          {t('console.clocks.createSubmit')}
        </Button>
      </form>
    </section>
  );
}

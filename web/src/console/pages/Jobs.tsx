// The durable background jobs: how often each ran, when it last ran and with what result, when it
// is next due, and which process holds its lease (a lease past its time means its holder died and
// another process will take the job over).

import type { List } from '../../api/client.js';
import { hasMessage, useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Loading, PageTitle } from '../../ui/components.js';
import { useResource } from '../../ui/hooks.js';
import { Table } from '../components.js';
import { formatExactTime } from '../format.js';
import { consoleApi } from '../session.js';
import type { Job } from '../types.js';

export function Jobs() {
  const { t, locale } = useI18n();
  const jobs = useResource((signal) => consoleApi<List<Job>>('GET', '/v1/operator/jobs', { signal }), []);
  const time = (iso: string | null) => formatExactTime(iso, locale);
  return (
    <>
      <PageTitle
        actions={
          <Button variant="secondary" busy={jobs.loading && jobs.data !== undefined} onClick={jobs.reload}>
            {t('console.refresh')}
          </Button>
        }
      >
        {t('console.jobs.title')}
      </PageTitle>
      <p className="muted">{t('console.jobs.intro')}</p>
      {jobs.data === undefined ? (
        jobs.error === undefined ? (
          <Loading />
        ) : (
          <ErrorState error={jobs.error} onRetry={jobs.reload} />
        )
      ) : jobs.data.data.length === 0 ? (
        <Empty>{t('console.jobs.none')}</Empty>
      ) : (
        <Table caption={t('console.jobs.title')}>
          <thead>
            <tr>
              <th scope="col">{t('console.jobs.name')}</th>
              <th scope="col" className="num">{t('console.jobs.runs')}</th>
              <th scope="col">{t('console.jobs.lastRun')}</th>
              <th scope="col">{t('console.jobs.next')}</th>
              <th scope="col">{t('console.jobs.lease')}</th>
              <th scope="col">{t('console.jobs.result')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.data.map((job) => (
              <tr key={job.name}>
                <td>
                  <span className="mono">{job.name}</span>
                  {hasMessage(`console.job.${job.name}`) ? <div className="muted small">{t(`console.job.${job.name}`)}</div> : null}
                </td>
                <td className="num">{job.runs.toLocaleString(locale)}</td>
                <td className="time">{job.last_run_at === null ? t('console.jobs.never') : time(job.last_run_at)}</td>
                <td className="time">{time(job.next_due_at)}</td>
                <td>
                  {job.lease === null ? (
                    <span className="muted">{t('console.jobs.free')}</span>
                  ) : (
                    <>
                      <span className={`badge ${job.lease.live ? 'badge-pending' : 'badge-failed'}`}>{job.lease.live ? t('console.jobs.held') : t('console.jobs.expired')}</span>
                      <div className="mono small">{job.lease.owner}</div>
                      <div className="muted small">{t('console.jobs.until', { time: time(job.lease.expires_at) })}</div>
                    </>
                  )}
                </td>
                <td>{job.last_error === null ? (job.last_run_at === null ? '—' : <span className="badge badge-succeeded">{t('console.jobs.ok')}</span>) : <span className="field-error">{job.last_error}</span>}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

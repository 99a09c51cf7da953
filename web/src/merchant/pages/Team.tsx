// The team: the merchant's members and their roles; owners and admins add a user (by id, phone or
// email) with a role, change a role, or remove a member; any member may leave. The owner stays.

import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiFailure, type List } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Field, Loading, Outcome, PageTitle, SelectField, StatusBadge } from '../../ui/components.js';
import { useResource } from '../../ui/hooks.js';
import { ConfirmButton } from '../ConfirmButton.js';
import { useMerchantAction, useMerchantCall } from '../merchant-api.js';
import { useMerchantSession } from '../session.js';
import type { Member } from '../types.js';

const assignable = ['admin', 'developer', 'viewer'] as const;

export function Team() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const call = useMerchantCall();
  const { membership, user, can, refresh, choose } = useMerchantSession();
  const path = `/v1/merchants/${membership.id}/members`;
  const members = useResource((signal) => call<List<Member>>('GET', path, { signal }), [call, path]);
  const [removing, setRemoving] = useState<string | undefined>(undefined);
  const remove = useMerchantAction((send, userId: string) => send<List<Member>>('DELETE', `${path}/${userId}`));
  const [removed, setRemoved] = useState<string | undefined>(undefined);
  const removeMember = async (userId: string) => {
    setRemoving(userId);
    setRemoved(undefined);
    if ((await remove.run(userId)) === undefined) return;
    if (userId === user.id) {
      choose(undefined);
      await refresh();
      navigate('/merchant');
      return;
    }
    setRemoved(userId);
    members.reload();
  };
  return (
    <>
      <PageTitle>{t('merchant.team.title')}</PageTitle>
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">{t('merchant.team.members')}</h2>
        {removed === undefined ? null : (
          <p className="notice notice-success" role="status">
            {t('merchant.team.removed', { user: removed })}
          </p>
        )}
        <Outcome error={remove.error} />
        {members.data === undefined ? (
          members.error === undefined ? (
            <Loading />
          ) : (
            <ErrorState error={members.error} onRetry={members.reload} />
          )
        ) : members.data.data.length === 0 ? (
          <Empty />
        ) : (
          <div className="table-wrap">
            <table data-testid="members">
              <thead>
                <tr>
                  <th scope="col">{t('merchant.team.user')}</th>
                  <th scope="col">{t('merchant.team.role')}</th>
                  <th scope="col">{t('merchant.keys.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {members.data.data.map((member) => {
                  const self = member.user === user.id;
                  const mayRemove = member.role !== 'owner' && (self || can('team:manage'));
                  return (
                    <tr key={member.user}>
                      <td>
                        <span className="mono">{member.user}</span>
                        {self ? <span className="muted"> · {t('merchant.team.you', { who: user.email ?? user.phone ?? '' })}</span> : null}
                      </td>
                      <td>
                        <StatusBadge status={member.role} prefix="merchant.role" />
                      </td>
                      <td>
                        {mayRemove ? (
                          <ConfirmButton question={self ? t('merchant.team.leaveQuestion', { merchant: membership.name }) : t('merchant.team.removeQuestion', { user: member.user })} confirm={self ? t('merchant.team.leaveConfirm') : t('merchant.team.removeConfirm')} busy={remove.busy && removing === member.user} onConfirm={() => void removeMember(member.user)}>
                            {self ? t('merchant.team.leave') : t('merchant.team.remove')}
                          </ConfirmButton>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {can('team:manage') ? <AddMember path={path} onAdded={members.reload} /> : <p className="muted">{t('merchant.team.roleCannot')}</p>}
      <RolesHelp />
    </>
  );
}

function AddMember({ path, onAdded }: { readonly path: string; readonly onAdded: () => void }) {
  const { t } = useI18n();
  const [who, setWho] = useState('');
  const [role, setRole] = useState<(typeof assignable)[number]>('viewer');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [added, setAdded] = useState<string | undefined>(undefined);
  const add = useMerchantAction((send) => send<List<Member>>('POST', path, { body: { user: who.trim(), role } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(who.trim() === '' ? t('merchant.team.whoMissing') : undefined);
    if (who.trim() === '') return;
    setAdded(undefined);
    if ((await add.run()) === undefined) return;
    setAdded(t('merchant.team.added', { user: who.trim(), role: t(`merchant.role.${role}`) }));
    setWho('');
    onAdded();
  };
  return (
    <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="add-member-heading">
      <h2 id="add-member-heading">{t('merchant.team.add')}</h2>
      <div className="m-form-row">
        <Field label={t('merchant.team.who')} hint={t('merchant.team.whoHint')} maxLength={254} autoComplete="off" value={who} error={problem} onChange={(event) => setWho(event.target.value)} />
        <SelectField label={t('merchant.team.role')} value={role} onChange={(event) => setRole(event.target.value as (typeof assignable)[number])}>
          {assignable.map((option) => (
            <option key={option} value={option}>
              {t(`merchant.role.${option}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {add.error instanceof ApiFailure && add.error.code === 'resource_missing' ? (
        <p className="notice notice-error" role="alert">
          {t('merchant.team.notFound', { who: who.trim() })}
        </p>
      ) : (
        <Outcome error={add.error} success={added} />
      )}
      <Button type="submit" busy={add.busy}>
        {t('merchant.team.addSubmit')}
      </Button>
    </form>
  );
}

function RolesHelp() {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="roles-heading">
      <h2 id="roles-heading">{t('merchant.team.roles')}</h2>
      <dl className="facts">
        {(['owner', 'admin', 'developer', 'viewer'] as const).map((role) => (
          <RoleLine key={role} role={role} />
        ))}
      </dl>
    </section>
  );
}

function RoleLine({ role }: { readonly role: string }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t(`merchant.role.${role}`)}</dt>
      <dd>{t(`merchant.roleHelp.${role}`)}</dd>
    </>
  );
}

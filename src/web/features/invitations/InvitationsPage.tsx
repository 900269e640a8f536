import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CommunityDetail, Invitation } from '../../../contracts/api';
import { memberRoles, stakeholderGroups, type MemberRole, type StakeholderGroup } from '../../../contracts/enums';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { CheckboxGroup, Form, FormAlert, SelectField, SuccessMessage, TextArea, TextField, formStyles } from '../../ui/Form';
import { Badge, Card, EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { LANGUAGES, type Language } from '../../i18n';
import { useFormat } from '../../lib/format';
import { networkQuery } from '../networks/api';
import { useCommunity } from '../communities/CommunityLayout';
import { invitationsQuery, useCreateInvitation, useResendInvitation, useWithdrawInvitation } from './api';
import styles from './invitations.module.css';

function InviteForm({ community }: { community: CommunityDetail }) {
  const { t, i18n } = useTranslation();
  const create = useCreateInvitation(community.id);
  const network = useQuery({ ...networkQuery(community.networkId), retry: false });
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [group, setGroup] = useState<StakeholderGroup>(community.includesParents ? 'parent' : 'school');
  const [roles, setRoles] = useState<MemberRole[]>(['member']);
  const [locale, setLocale] = useState<Language>(i18n.language === 'en' ? 'en' : 'nl');
  const [message, setMessage] = useState('');
  const [lastSent, setLastSent] = useState<Invitation | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        email,
        name: name.trim() || undefined,
        organisationId: organisationId || null,
        stakeholderGroup: group,
        roles: roles.length ? roles : undefined,
        locale,
        message: message.trim() || undefined,
      },
      {
        onSuccess: (inv) => {
          setLastSent(inv);
          setEmail('');
          setName('');
          setMessage('');
        },
      },
    );
  };

  return (
    <Card aria-labelledby="invite-h">
      <h2 id="invite-h">{t('invitations.form.title')}</h2>
      {community.phase === 'prePhase' && <p className={formStyles.description}>{t('invitations.form.prePhaseNote')}</p>}
      <Form onSubmit={onSubmit}>
        <FormAlert error={create.error} />
        {lastSent && !create.error && (
          <SuccessMessage>
            {lastSent.status === 'held'
              ? t('invitations.form.held', { email: lastSent.email })
              : t('invitations.form.sent', { email: lastSent.email })}
          </SuccessMessage>
        )}
        <TextField label={t('invitations.fields.email')} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(create.error, 'email')} required />
        <TextField label={t('invitations.fields.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name')} optional />
        <SelectField
          label={t('invitations.fields.organisation')}
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
          error={fieldError(create.error, 'organisationId')}
          optional
        >
          <option value="">{t('invitations.fields.noOrganisation')}</option>
          {(network.data?.organisations ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('invitations.fields.group')}
          description={t('invitations.fields.groupHint')}
          value={group}
          onChange={(e) => setGroup(e.target.value as StakeholderGroup)}
          error={fieldError(create.error, 'stakeholderGroup')}
        >
          {stakeholderGroups.map((g) => (
            <option key={g} value={g}>
              {t(`enums.group.${g}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup
          legend={t('invitations.fields.roles')}
          options={memberRoles}
          value={roles}
          onChange={setRoles}
          labelFor={(r) => t(`enums.role.${r}`)}
          error={fieldError(create.error, 'roles')}
        />
        <SelectField label={t('invitations.fields.language')} description={t('invitations.fields.languageHint')} value={locale} onChange={(e) => setLocale(e.target.value as Language)} error={fieldError(create.error, 'locale')}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`layout.languageName.${l}`)}
            </option>
          ))}
        </SelectField>
        <TextArea
          label={t('invitations.fields.message')}
          description={t('invitations.fields.messageHint')}
          value={message}
          maxLength={1000}
          onChange={(e) => setMessage(e.target.value)}
          error={fieldError(create.error, 'message')}
          optional
        />
        <div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? t('common.working') : t('invitations.form.submit')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function StatusBadge({ inv }: { inv: Invitation }) {
  const { t } = useTranslation();
  const tone = inv.status === 'accepted' ? 'success' : inv.status === 'withdrawn' ? 'neutral' : inv.status === 'held' ? 'warning' : 'primary';
  return (
    <span className={styles.badges}>
      <Badge tone={tone}>{t(`enums.invitationStatus.${inv.status}`)}</Badge>
      {inv.expired && inv.status === 'pending' && <Badge tone="danger">{t('invitations.list.expired')}</Badge>}
    </span>
  );
}

function InvitationList({ community }: { community: CommunityDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useQuery(invitationsQuery(community.id));
  const resend = useResendInvitation(community.id);
  const withdraw = useWithdrawInvitation(community.id);
  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  const [resent, setResent] = useState<string | null>(null);

  return (
    <section aria-labelledby="inv-list-h">
      <h2 id="inv-list-h">{t('invitations.list.title')}</h2>
      <div aria-live="polite">
        {resent && <SuccessMessage>{t('invitations.list.resent', { email: resent })}</SuccessMessage>}
      </div>
      <FormAlert error={resend.error} />
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} inline />
      ) : q.data.length === 0 ? (
        <EmptyState>{t('invitations.list.empty')}</EmptyState>
      ) : (
        <ul className={styles.list}>
          {q.data.map((inv) => {
            const open = inv.status === 'pending' || inv.status === 'held';
            return (
              <li key={inv.id} className={styles.item}>
                <div className={styles.info}>
                  <span className={styles.who}>
                    {inv.name || inv.email}
                    {inv.name && <span className={styles.meta}> · {inv.email}</span>}
                  </span>
                  <StatusBadge inv={inv} />
                  <span className={styles.meta}>
                    {t(`enums.group.${inv.stakeholderGroup}`)}
                    {inv.organisationName && <> · {inv.organisationName}</>} · {inv.roles.map((r) => t(`enums.role.${r}`)).join(', ')}
                  </span>
                  <span className={styles.meta}>
                    {inv.sentAt ? t('invitations.list.sentAt', { date: fmt.dateTime(inv.sentAt), count: inv.sendCount }) : t('invitations.list.notSent')}
                    {open && <> · {t(inv.expired ? 'invitations.list.expiredAt' : 'invitations.list.expiresAt', { date: fmt.dateTime(inv.expiresAt) })}</>}
                  </span>
                  {inv.invitedBy && <span className={styles.meta}>{t('invitations.list.invitedBy', { name: inv.invitedBy })}</span>}
                </div>
                {open && (
                  <div className={styles.actions}>
                    {inv.status === 'pending' && (
                      <Button
                        variant="secondary"
                        size="small"
                        disabled={resend.isPending && resend.variables === inv.id}
                        aria-label={t('invitations.list.resendLabel', { email: inv.email })}
                        onClick={() => {
                          setResent(null);
                          resend.mutate(inv.id, { onSuccess: () => setResent(inv.email) });
                        }}
                      >
                        {t('invitations.list.resend')}
                      </Button>
                    )}
                    <Button
                      variant="secondary"
                      size="small"
                      aria-label={t('invitations.list.withdrawLabel', { email: inv.email })}
                      onClick={() => {
                        withdraw.reset();
                        setWithdrawing(inv);
                      }}
                    >
                      {t('invitations.list.withdraw')}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={!!withdrawing}
        title={t('invitations.list.withdrawTitle')}
        confirmLabel={t('invitations.list.withdrawConfirm')}
        pending={withdraw.isPending}
        onCancel={() => setWithdrawing(null)}
        onConfirm={() => withdrawing && withdraw.mutate(withdrawing.id, { onSuccess: () => setWithdrawing(null) })}
        error={<FormAlert error={withdraw.error} />}
      >
        <p>{t('invitations.list.withdrawBody', { email: withdrawing?.email ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}

export default function InvitationsPage() {
  const { t } = useTranslation();
  const c = useCommunity();
  usePageTitle(t('invitations.page.title'));
  if (!c.permissions.invite) return <Navigate to={`/communities/${c.id}`} replace />;
  return (
    <div>
      <PageHeader title={t('invitations.page.title')} lead={t('invitations.page.lead')} />
      <div className={styles.layout}>
        <InviteForm community={c} />
        <InvitationList community={c} />
      </div>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CommunityDetail, Member } from '../../../contracts/api';
import { memberRoles, stakeholderGroups, type MemberRole, type StakeholderGroup } from '../../../contracts/enums';
import { fieldError } from '../../api/client';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog, Dialog } from '../../ui/Dialog';
import { CheckboxGroup, Form, FormAlert, SelectField, formStyles } from '../../ui/Form';
import { Badge, Card, EmptyState, PageHeader, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { networkQuery } from '../networks/api';
import { useCommunity } from './CommunityLayout';
import { useLeaveCommunity, useRemoveMember, useUpdateMember } from './api';
import { RhythmCard } from './RhythmCard';
import styles from './communities.module.css';

function Fact({ title, value, id }: { title: string; value: string; id: string }) {
  const { t } = useTranslation();
  return (
    <Card className={styles.fact} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {value ? <p>{value}</p> : <p className={formStyles.description}>{t('communities.overview.notYet')}</p>}
    </Card>
  );
}

function EditMemberDialog({ community, member, onClose }: { community: CommunityDetail; member: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateMember(community.id);
  const network = useQuery({ ...networkQuery(community.networkId), retry: false });
  const [roles, setRoles] = useState<MemberRole[]>(member.roles);
  const [group, setGroup] = useState<StakeholderGroup>(member.stakeholderGroup);
  const [organisationId, setOrganisationId] = useState<string>(member.organisationId ?? '');
  const organisations = network.data?.organisations ?? [];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      {
        memberId: member.id,
        roles,
        stakeholderGroup: group,
        ...(network.data ? { organisationId: organisationId || null } : {}),
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Dialog open onClose={onClose} title={t('communities.members.editTitle', { name: member.name })}>
      <Form onSubmit={onSubmit}>
        <FormAlert error={update.error} />
        <CheckboxGroup
          legend={t('communities.members.roles')}
          options={memberRoles}
          value={roles}
          onChange={setRoles}
          labelFor={(r) => t(`enums.role.${r}`)}
          error={fieldError(update.error, 'roles')}
        />
        <SelectField label={t('communities.members.group')} value={group} onChange={(e) => setGroup(e.target.value as StakeholderGroup)} error={fieldError(update.error, 'stakeholderGroup')}>
          {stakeholderGroups.map((g) => (
            <option key={g} value={g}>
              {t(`enums.group.${g}`)}
            </option>
          ))}
        </SelectField>
        {network.data && (
          <SelectField label={t('communities.members.organisation')} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} error={fieldError(update.error, 'organisationId')}>
            <option value="">{t('communities.members.noOrganisation')}</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
        <div className={formStyles.actions}>
          <Button type="submit" disabled={update.isPending || roles.length === 0}>
            {update.isPending ? t('common.working') : t('common.save')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
        {roles.length === 0 && <p className={formStyles.error}>{t('communities.members.atLeastOneRole')}</p>}
      </Form>
    </Dialog>
  );
}

function Members({ community }: { community: CommunityDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const remove = useRemoveMember(community.id);
  const canManage = community.permissions.manageMembers;

  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h">{t('communities.members.title', { count: community.members.length })}</h2>
      {community.members.length === 0 ? (
        <EmptyState>{t('communities.members.empty')}</EmptyState>
      ) : (
        <ul className={styles.members}>
          {community.members.map((m) => (
            <li key={m.id} className={styles.member}>
              <div className={styles.memberInfo}>
                <span className={styles.memberName}>
                  {m.name}
                  {m.id === community.myMembershipId && <> ({t('communities.members.you')})</>}
                </span>
                <span className={styles.memberMeta}>
                  <span>{t(`enums.group.${m.stakeholderGroup}`)}</span>
                  <span aria-hidden="true">·</span>
                  <span>{m.organisationName ?? t('communities.members.noOrganisation')}</span>
                </span>
                <span className={styles.memberMeta}>
                  <span className="sr-only">{t('communities.members.roles')}: </span>
                  {m.roles.map((r) => (
                    <Badge key={r} tone={r === 'chair' || r === 'coordinator' ? 'primary' : 'neutral'}>
                      {t(`enums.role.${r}`)}
                    </Badge>
                  ))}
                </span>
                {m.email && (
                  <span className={styles.memberMeta}>
                    <a href={`mailto:${m.email}`}>{m.email}</a>
                  </span>
                )}
                <span className={styles.memberMeta}>{t('communities.members.joined', { date: fmt.date(m.joinedAt) })}</span>
              </div>
              {canManage && (
                <div className={styles.memberActions}>
                  <Button variant="secondary" size="small" onClick={() => setEditing(m)} aria-label={t('communities.members.editLabel', { name: m.name })}>
                    {t('communities.members.edit')}
                  </Button>
                  {m.id !== community.myMembershipId && (
                    <Button
                      variant="secondary"
                      size="small"
                      onClick={() => {
                        remove.reset();
                        setRemoving(m);
                      }}
                      aria-label={t('communities.members.removeLabel', { name: m.name })}
                    >
                      {t('common.remove')}
                    </Button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing && <EditMemberDialog community={community} member={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!removing}
        title={t('communities.members.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('communities.members.removeConfirm')}
        pending={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        error={<FormAlert error={remove.error} />}
      >
        <p>{t('communities.members.removeBody', { name: removing?.name ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}

function LeaveButton({ community }: { community: CommunityDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const leave = useLeaveCommunity(community.id);
  const navigate = useNavigate();
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          leave.reset();
          setOpen(true);
        }}
      >
        {t('communities.leave.button')}
      </Button>
      <ConfirmDialog
        open={open}
        title={t('communities.leave.title', { name: community.name })}
        confirmLabel={t('communities.leave.confirm')}
        pending={leave.isPending}
        onCancel={() => setOpen(false)}
        onConfirm={() => leave.mutate(undefined, { onSuccess: () => navigate('/') })}
        error={<FormAlert error={leave.error} />}
      >
        <p>{t('communities.leave.body')}</p>
      </ConfirmDialog>
    </>
  );
}

export default function OverviewPage() {
  const { t } = useTranslation();
  const c = useCommunity();
  usePageTitle(c.name);

  return (
    <div>
      <PageHeader
        title={c.name}
        lead={c.topic || undefined}
        actions={
          <>
            <Badge tone="primary">
              {t('communities.fields.phase')}: {t(`enums.phase.${c.phase}`)}
            </Badge>
            {c.permissions.edit && (
              <ButtonLink to={`/communities/${c.id}/edit`} variant="secondary">
                {t('communities.overview.edit')}
              </ButtonLink>
            )}
          </>
        }
      />
      <RhythmCard communityId={c.id} />
      <div className={styles.facts}>
        <Fact id="f-question" title={t('communities.fields.question')} value={c.question} />
        <Fact id="f-ambition" title={t('communities.fields.ambition')} value={c.ambition} />
        <Card className={styles.fact} aria-labelledby="f-end">
          <h2 id="f-end">{t('communities.fields.endProduct')}</h2>
          {c.endProduct ? <p>{c.endProduct}</p> : <p className={formStyles.description}>{t('communities.overview.notYet')}</p>}
          {c.endProductVariants.length > 0 && (
            <>
              <h3>{t('communities.overview.variants')}</h3>
              <ul className={styles.variants}>
                {c.endProductVariants.map((v) => (
                  <li key={v.organisationId}>
                    {v.organisationName && <strong>{v.organisationName}: </strong>}
                    {v.description}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
        {c.phase === 'prePhase' && (
          <Card aria-labelledby="f-pre">
            <h2 id="f-pre">{t('communities.overview.prePhaseTitle')}</h2>
            <p>{t('communities.overview.prePhaseBody')}</p>
            {c.firstGroups.length > 0 && (
              <p>
                {t('communities.overview.firstGroups')}: {c.firstGroups.map((g) => t(`enums.group.${g}`)).join(', ')}
              </p>
            )}
          </Card>
        )}
      </div>
      <Members community={c} />
      {c.permissions.leave && (
        <section aria-labelledby="leave-h">
          <h2 id="leave-h">{t('communities.leave.sectionTitle')}</h2>
          <p>{t('communities.leave.sectionBody')}</p>
          <LeaveButton community={c} />
        </section>
      )}
    </div>
  );
}

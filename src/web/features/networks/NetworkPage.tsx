import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NetworkDetail } from '../../../contracts/api';
import { fieldError } from '../../api/client';
import { Button, ButtonLink } from '../../ui/Button';
import { Form, FormAlert, TextArea, TextField, formStyles } from '../../ui/Form';
import { Badge, Card, EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { networkQuery, useUpdateNetwork } from './api';
import { OrganisationsSection } from './OrganisationsSection';
import styles from './networks.module.css';

function EditNetwork({ network, onDone }: { network: NetworkDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateNetwork(network.id);
  const [name, setName] = useState(network.name);
  const [description, setDescription] = useState(network.description);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ name, description }, { onSuccess: onDone });
  };
  return (
    <Card aria-labelledby="net-edit-h">
      <h2 id="net-edit-h">{t('networks.detail.editTitle')}</h2>
      <Form onSubmit={onSubmit}>
        <FormAlert error={update.error} />
        <TextField label={t('networks.fields.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(update.error, 'name')} required />
        <TextArea label={t('networks.fields.description')} value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError(update.error, 'description')} optional />
        <div className={formStyles.actions}>
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? t('common.working') : t('common.save')}
          </Button>
          <Button variant="secondary" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export default function NetworkPage() {
  const { t } = useTranslation();
  const { networkId = '' } = useParams();
  const q = useQuery(networkQuery(networkId));
  const [editing, setEditing] = useState(false);
  usePageTitle(q.data?.name);

  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const net = q.data;
  const canEdit = net.isCoordinator;

  return (
    <div>
      <PageHeader
        eyebrow={t('networks.detail.eyebrow')}
        title={net.name}
        actions={
          <>
            {net.isCoordinator && <Badge tone="success">{t('home.dashboard.coordinatorBadge')}</Badge>}
            {/* Everyone who sees the network gets the link; the comparison itself says who may see it. */}
            <ButtonLink variant="secondary" to={`/networks/${net.id}/monitor`}>
              {t('networkMonitor.compareLink')}
            </ButtonLink>
            {canEdit && !editing && (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                {t('networks.detail.edit')}
              </Button>
            )}
          </>
        }
      />
      {editing ? (
        <EditNetwork network={net} onDone={() => setEditing(false)} />
      ) : net.description ? (
        <p className={styles.description}>{net.description}</p>
      ) : (
        <EmptyState>{t('networks.detail.noDescription')}</EmptyState>
      )}

      <section aria-labelledby="net-comm-h">
        <div className={styles.sectionHead}>
          <h2 id="net-comm-h">{t('networks.detail.communities')}</h2>
          {canEdit && <ButtonLink to={`/networks/${net.id}/communities/new`}>{t('networks.detail.newCommunity')}</ButtonLink>}
        </div>
        {net.communities.length === 0 ? (
          <EmptyState>{t('networks.detail.noCommunities')}</EmptyState>
        ) : (
          <ul className={styles.communities}>
            {net.communities.map((c) => (
              <li key={c.id} className={styles.community}>
                <h3>
                  <Link to={`/communities/${c.id}`}>{c.name}</Link>
                </h3>
                {c.topic && <p style={{ margin: 0 }}>{c.topic}</p>}
                <p className={styles.meta}>
                  <Badge tone="primary">{t(`enums.phase.${c.phase}`)}</Badge>
                  <span>{t('home.dashboard.memberCount', { count: c.memberCount })}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <OrganisationsSection networkId={net.id} organisations={net.organisations} canEdit={canEdit} />

      <section aria-labelledby="net-coord-h">
        <h2 id="net-coord-h">{t('networks.detail.coordinators')}</h2>
        <ul>
          {net.coordinators.map((c) => (
            <li key={c.userId}>
              {c.name} {c.email && <>(<a href={`mailto:${c.email}`}>{c.email}</a>)</>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

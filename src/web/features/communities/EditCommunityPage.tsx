import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CommunityDetail } from '../../../contracts/api';
import { ButtonLink } from '../../ui/Button';
import { Card, PageHeader, usePageTitle } from '../../ui/Page';
import { SuccessMessage } from '../../ui/Form';
import { networkQuery } from '../networks/api';
import { CommunityForm, type CommunityFormValues } from './CommunityForm';
import { useCommunity } from './CommunityLayout';
import { communityQuery, useUpdateCommunity, type UpdateCommunityInput } from './api';

function toValues(c: CommunityDetail): CommunityFormValues {
  return {
    name: c.name,
    topic: c.topic,
    question: c.question,
    ambition: c.ambition,
    endProduct: c.endProduct,
    endProductVariants: c.endProductVariants.map((v) => ({ organisationId: v.organisationId, description: v.description })),
    phase: c.phase,
    includesParents: c.includesParents,
    firstGroups: [...c.firstGroups],
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export default function EditCommunityPage() {
  const { t } = useTranslation();
  const current = useCommunity();
  usePageTitle(t('communities.edit.title'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  // The version this edit is based on stays fixed while the user types, even if a background
  // refetch brings a newer one: saving must then fail with 409 instead of silently overwriting.
  const [base, setBase] = useState<CommunityDetail>(current);
  const [saved, setSaved] = useState<CommunityFormValues | undefined>(undefined);
  const update = useUpdateCommunity(current.id);
  const network = useQuery({ ...networkQuery(current.networkId), retry: false });

  if (!current.permissions.edit) return <Navigate to={`/communities/${current.id}`} replace />;

  const onSubmit = (v: CommunityFormValues) => {
    const before = toValues(base);
    const body: UpdateCommunityInput = { version: base.version };
    (Object.keys(v) as (keyof CommunityFormValues)[]).forEach((k) => {
      if (!same(v[k], before[k])) (body as Record<string, unknown>)[k] = v[k];
    });
    if (Object.keys(body).length === 1) {
      navigate(`/communities/${current.id}`);
      return;
    }
    update.mutate(body, { onSuccess: () => navigate(`/communities/${current.id}`) });
  };

  const reloadLatest = async () => {
    const fresh = await qc.fetchQuery({ ...communityQuery(current.id), staleTime: 0 });
    setBase(fresh);
    setSaved(toValues(fresh));
    update.reset();
  };

  return (
    <div style={{ maxWidth: '46rem' }}>
      <PageHeader title={t('communities.edit.title')} lead={t('communities.edit.lead', { name: current.name })} />
      {saved && !update.error && (
        <SuccessMessage>
          <p style={{ margin: 0 }}>{t('common.conflict.reloaded')}</p>
        </SuccessMessage>
      )}
      <Card>
        <CommunityForm
          initial={toValues(base)}
          organisations={network.data?.organisations ?? []}
          onSubmit={onSubmit}
          error={update.error}
          pending={update.isPending}
          submitLabel={t('communities.edit.submit')}
          saved={saved}
          onReloadAfterConflict={() => void reloadLatest()}
          extraActions={
            <ButtonLink to={`/communities/${current.id}`} variant="secondary">
              {t('common.cancel')}
            </ButtonLink>
          }
        />
      </Card>
    </div>
  );
}

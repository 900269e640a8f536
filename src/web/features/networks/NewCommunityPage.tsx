import { useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Card, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { CommunityForm, emptyCommunity, type CommunityFormValues } from '../communities/CommunityForm';
import { networkQuery, useCreateCommunity } from './api';

const optional = (s: string) => (s.trim() ? s : undefined);

export default function NewCommunityPage() {
  const { t } = useTranslation();
  usePageTitle(t('networks.newCommunity.title'));
  const { networkId = '' } = useParams();
  const navigate = useNavigate();
  const net = useQuery(networkQuery(networkId));
  const create = useCreateCommunity(networkId);

  if (net.isPending) return <Loading />;
  if (net.isError) return <QueryError error={net.error} onRetry={() => void net.refetch()} />;

  const onSubmit = (v: CommunityFormValues) => {
    create.mutate(
      {
        name: v.name,
        topic: optional(v.topic),
        question: optional(v.question),
        ambition: optional(v.ambition),
        endProduct: optional(v.endProduct),
        endProductVariants: v.endProductVariants,
        phase: v.phase,
        includesParents: v.includesParents,
        firstGroups: v.firstGroups,
      },
      { onSuccess: (c) => navigate(`/communities/${c.id}`) },
    );
  };

  return (
    <div style={{ maxWidth: '46rem' }}>
      <PageHeader eyebrow={net.data.name} title={t('networks.newCommunity.title')} lead={t('networks.newCommunity.lead')} />
      <Card>
        <CommunityForm
          initial={emptyCommunity}
          organisations={net.data.organisations}
          onSubmit={onSubmit}
          error={create.error}
          pending={create.isPending}
          submitLabel={t('networks.newCommunity.submit')}
        />
      </Card>
    </div>
  );
}

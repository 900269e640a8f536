import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KnowledgeLog } from '../../../contracts/room';
import { Button } from '../../ui/Button';
import { Form, SelectField, TextField, formStyles } from '../../ui/Form';
import { EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { FILTER_KEYS, knowledgeLogQuery, type KnowledgeFilters } from './api';
import { KnowledgeEntry, meetingLabel } from './KnowledgeEntry';
import styles from './knowledge.module.css';

function filtersFrom(params: URLSearchParams): KnowledgeFilters {
  return { q: params.get('q') ?? '', memberId: params.get('memberId') ?? '', organisationId: params.get('organisationId') ?? '', meetingId: params.get('meetingId') ?? '' };
}

/** The search form. It applies on submit only, so choosing in a list never reloads results under the user's hands. */
function Filters({
  applied,
  options,
  communityName,
  onApply,
}: {
  applied: KnowledgeFilters;
  options: KnowledgeLog | undefined;
  communityName: string;
  onApply: (f: KnowledgeFilters) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [form, setForm] = useState(applied);
  // Back and forward change the URL's filters: show them. (Not a remount: that would drop the focus.)
  const [shown, setShown] = useState(applied);
  if (FILTER_KEYS.some((k) => shown[k] !== applied[k])) {
    setShown(applied);
    setForm(applied);
  }
  const set = (key: keyof KnowledgeFilters) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const any = FILTER_KEYS.some((k) => applied[k]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(form);
  };
  const clear = () => {
    const empty = { q: '', memberId: '', organisationId: '', meetingId: '' };
    setForm(empty);
    onApply(empty);
  };

  return (
    <Form role="search" aria-label={t('knowledge.search.label')} onSubmit={submit} className={styles.filters} data-testid="knowledge-search">
      <TextField type="search" label={t('knowledge.search.field')} description={t('knowledge.search.hint')} value={form.q} maxLength={200} onChange={set('q')} />
      <div className={styles.row}>
        <SelectField label={t('knowledge.filter.member')} value={form.memberId} onChange={set('memberId')}>
          <option value="">{t('knowledge.filter.allMembers')}</option>
          {options?.members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('knowledge.filter.organisation')} value={form.organisationId} onChange={set('organisationId')}>
          <option value="">{t('knowledge.filter.allOrganisations')}</option>
          {options?.organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('knowledge.filter.meeting')} value={form.meetingId} onChange={set('meetingId')}>
          <option value="">{t('knowledge.filter.allMeetings')}</option>
          {options?.meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {meetingLabel(m.title, communityName, fmt.date(m.startsAt), fmt.date(m.startsAt))}
            </option>
          ))}
        </SelectField>
      </div>
      <div className={formStyles.actions}>
        <Button type="submit" data-testid="knowledge-search-submit">
          {t('knowledge.search.submit')}
        </Button>
        {any && (
          <Button variant="quiet" onClick={clear}>
            {t('knowledge.search.clear')}
          </Button>
        )}
      </div>
    </Form>
  );
}

/** All harvests of the community over time, searchable and filterable. */
export default function KnowledgePage() {
  const { t } = useTranslation();
  const community = useCommunity();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const q = useInfiniteQuery(knowledgeLogQuery(community.id, filters));
  usePageTitle(t('knowledge.documentTitle', { community: community.name }));

  const apply = (f: KnowledgeFilters) => {
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) if (f[key].trim()) next.set(key, f[key].trim());
    setParams(next);
  };

  const pages = q.data?.pages ?? [];
  const entries = pages.flatMap((p) => p.entries);
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  const searching = q.isFetching && !q.isFetchingNextPage;

  return (
    <div className={styles.page}>
      <PageHeader title={t('knowledge.title')} lead={t('knowledge.intro')} />
      <Filters applied={filters} options={pages[0]} communityName={community.name} onApply={apply} />
      {q.isPending ? (
        <Loading />
      ) : q.isError && !q.data ? (
        <QueryError inline error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <section aria-labelledby="knowledge-results-h" aria-busy={searching || undefined} data-testid="knowledge-results">
          <h2 id="knowledge-results-h" className="sr-only">
            {t('knowledge.results')}
          </h2>
          <p role="status" className={styles.status}>
            {searching
              ? t('common.loading')
              : entries.length === 0
                ? ''
                  : [filters.q ? t('knowledge.countFor', { count: entries.length, q: filters.q }) : t('knowledge.count', { count: entries.length }), q.hasNextPage ? t('knowledge.moreAvailable') : '']
                    .filter(Boolean)
                    .join(' ')}
          </p>
          {entries.length === 0 ? (
            <EmptyState>{filtered ? t('knowledge.emptyFiltered') : t('knowledge.empty')}</EmptyState>
          ) : (
            <ul className={styles.list}>
              {entries.map((e) => (
                <KnowledgeEntry key={e.id} entry={e} communityId={community.id} communityName={community.name} />
              ))}
            </ul>
          )}
          {q.hasNextPage && (
            <p>
              <Button variant="secondary" className={styles.more} disabled={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()} data-testid="knowledge-more">
                {q.isFetchingNextPage ? t('common.loading') : t('knowledge.more')}
              </Button>
            </p>
          )}
        </section>
      )}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Form, FormAlert, formStyles } from '../../ui/Form';
import { PageHeader, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useCommunity } from '../communities/CommunityLayout';
import { meetingQuery } from '../meetings/api';
import { useMeetingTitle } from '../meetings/MeetingList';
import { useCreateProposal } from './api';
import { focusFirstInvalid } from './focus';
import { ProposalFields, closesAtOf, defaultClosing, mergeErrors, useProposalCheck, type ProposalErrors, type ProposalValues } from './ProposalFields';
import styles from './decisions.module.css';

/** The meeting the proposal comes from, when it was opened from a programme item. */
function FromMeeting({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const community = useCommunity();
  const meeting = useQuery({ ...meetingQuery(meetingId), retry: false });
  const title = useMeetingTitle();
  if (!meeting.data) return null;
  return (
    <p className={styles.fromMeeting} data-testid="from-meeting">
      {t('decisions.form.fromMeeting')}{' '}
      <Link to={`/communities/${community.id}/meetings/${meetingId}/programme`}>{title(meeting.data)}</Link>
    </p>
  );
}

export default function NewProposalPage() {
  const { t } = useTranslation();
  const community = useCommunity();
  const navigate = useNavigate();
  const { timeZone } = useFormat();
  const [params] = useSearchParams();
  const meetingId = params.get('meetingId') || null;
  const agendaItemId = meetingId ? params.get('agendaItemId') || null : null;
  const create = useCreateProposal(community.id);
  const check = useProposalCheck();
  const [values, setValues] = useState<ProposalValues>(() => ({
    title: params.get('title')?.slice(0, 200) ?? '',
    body: '',
    background: '',
    process: 'consent',
    closing: 'whenAll',
    ...defaultClosing(timeZone),
  }));
  const [local, setLocal] = useState<ProposalErrors>({});
  usePageTitle(t('decisions.new.documentTitle', { community: community.name }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = check(values, timeZone);
    setLocal(next);
    if (next.title || next.body || next.closesAt) return focusFirstInvalid(e.currentTarget);
    create.mutate(
      {
        title: values.title.trim(),
        body: values.body.trim(),
        background: values.background.trim() || undefined,
        process: values.process,
        closesAt: closesAtOf(values, timeZone) ?? null,
        ...(meetingId ? { meetingId, agendaItemId } : {}),
      },
      { onSuccess: (p) => void navigate(`/communities/${community.id}/proposals/${p.id}`) },
    );
  };

  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link to={`/communities/${community.id}/proposals`}>
          <span aria-hidden="true">← </span>
          {t('decisions.backToList')}
        </Link>
      </p>
      <PageHeader title={t('decisions.new.title')} lead={t('decisions.new.lead')} />
      {meetingId && <FromMeeting meetingId={meetingId} />}
      <Form onSubmit={submit} aria-labelledby="new-proposal-h" data-testid="new-proposal-form">
        <h2 id="new-proposal-h" className="sr-only">
          {t('decisions.new.title')}
        </h2>
        <FormAlert error={create.error} />
        <ProposalFields values={values} onChange={setValues} errors={mergeErrors(local, create.error)} timeZone={timeZone} withProcess />
        <div className={formStyles.actions}>
          <Button type="submit" disabled={create.isPending} data-testid="submit-proposal">
            {create.isPending ? t('common.working') : t('decisions.new.submit')}
          </Button>
          <Link to={`/communities/${community.id}/proposals`}>{t('common.cancel')}</Link>
        </div>
      </Form>
    </div>
  );
}

/** Changing a series from a date onward, and ending it from a date. */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Series } from '../../../contracts/meetings';
import { fieldError, isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/Dialog';
import { Form, FormAlert, SuccessMessage, TextField, formStyles } from '../../ui/Form';
import { Card, useAutoFocusRef } from '../../ui/Page';
import { useMeetingFormat } from '../../lib/format';
import { isStale, seriesQuery, useChangeSeries, useEndSeries } from './api';
import { useDescribeRecurrence } from './RecurrenceText';
import { SeriesForm } from './SeriesForm';
import { seriesToValues, type SeriesFormValues } from './seriesValues';
import styles from './meetings.module.css';

const isSeries = (x: unknown): x is Series => typeof x === 'object' && x !== null && 'rrule' in x && 'version' in x;

/** After a 409: the series as it is now (from the problem, else fetched), also put in the cache. */
function useReloadSeries(seriesId: string) {
  const qc = useQueryClient();
  return async (error: unknown): Promise<Series> => {
    const current = isApiError(error) && isSeries(error.current) ? error.current : await qc.fetchQuery({ ...seriesQuery(seriesId), staleTime: 0 });
    qc.setQueryData(seriesQuery(seriesId).queryKey, current);
    return current;
  };
}

export function ChangeSeries({ series, communityId, firstDate, onClose }: { series: Series; communityId: string; firstDate: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const change = useChangeSeries(series.id, communityId);
  const reload = useReloadSeries(series.id);
  const describe = useDescribeRecurrence();
  const heading = useAutoFocusRef<HTMLHeadingElement>();
  // The version this change is based on stays fixed while the user types.
  const [base, setBase] = useState(series);
  const [fromDate, setFromDate] = useState(firstDate);
  const [submitted, setSubmitted] = useState<SeriesFormValues | null>(null);
  const [saved, setSaved] = useState<SeriesFormValues | undefined>();

  return (
    <Card aria-labelledby="change-series-h" data-testid="change-series">
      <h2 id="change-series-h" ref={heading} tabIndex={-1}>
        {t('meetings.series.changeTitle')}
      </h2>
      <p className={styles.muted}>{t('meetings.series.changeLead')}</p>
      {saved && !change.error && <SuccessMessage>{t('common.conflict.reloaded')}</SuccessMessage>}
      <SeriesForm
        initial={seriesToValues(series, firstDate)}
        saved={saved}
        savedRuleText={describe(base.recurrence, base.rrule, base.timeZone)}
        error={change.error}
        pending={change.isPending}
        submitLabel={t('meetings.series.changeSubmit')}
        before={
          <TextField
            label={t('meetings.series.fromDate')}
            description={t('meetings.series.fromDateHint')}
            type="date"
            value={fromDate}
            onChange={(e) => setFromDate(e.target.value)}
            error={fieldError(change.error, 'fromDate')}
            required
          />
        }
        onSubmit={(body, values) => {
          setSubmitted(values);
          change.mutate(
            { ...body, version: base.version, fromDate },
            { onSuccess: (s) => navigate(`/communities/${communityId}/series/${s.id}`, { state: { changed: true } }) },
          );
        }}
        onReloadAfterConflict={
          isStale(change.error)
            ? () =>
                void reload(change.error).then((fresh) => {
                  setBase(fresh);
                  setSaved(seriesToValues(fresh, submitted?.startDate ?? firstDate));
                  change.reset();
                })
            : undefined
        }
        extraActions={
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        }
      />
    </Card>
  );
}

export function EndSeries({ series, communityId, firstDate, onEnded }: { series: Series; communityId: string; firstDate: string; onEnded: () => void }) {
  const { t } = useTranslation();
  const mf = useMeetingFormat();
  const end = useEndSeries(series.id, communityId);
  const reload = useReloadSeries(series.id);
  const [fromDate, setFromDate] = useState(firstDate);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    end.reset();
    setConfirming(true);
  };

  return (
    <Card aria-labelledby="end-series-h" data-testid="end-series">
      <h2 id="end-series-h">{t('meetings.series.endTitle')}</h2>
      <p className={styles.muted}>{t('meetings.series.endLead')}</p>
      <Form onSubmit={submit}>
        <FormAlert error={confirming ? null : end.error} onReload={isStale(end.error) ? () => void reload(end.error).then(() => end.reset()) : undefined} />
        <TextField
          label={t('meetings.series.endFrom')}
          description={t('meetings.series.endFromHint')}
          type="date"
          value={fromDate}
          onChange={(e) => setFromDate(e.target.value)}
          error={fieldError(end.error, 'fromDate')}
          required
        />
        <TextField
          label={t('meetings.series.endReason')}
          description={t('meetings.series.endReasonHint')}
          value={reason}
          maxLength={300}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(end.error, 'reason')}
          optional
        />
        <div className={formStyles.actions}>
          <Button type="submit" variant="danger">
            {t('meetings.series.endSubmit')}
          </Button>
        </div>
      </Form>
      <ConfirmDialog
        open={confirming}
        title={t('meetings.series.endConfirmTitle')}
        confirmLabel={t('meetings.series.endConfirm')}
        pending={end.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          end.mutate(
            // The cached series is the newest we know; after a reload it carries the new version.
            { fromDate, version: series.version, reason: reason.trim() || undefined },
            {
              onSuccess: () => {
                setConfirming(false);
                onEnded();
              },
              onError: () => setConfirming(false),
            },
          )
        }
      >
        <p>{fromDate ? t('meetings.series.endConfirmBody', { date: mf.localDate(fromDate, 'long') }) : t('meetings.series.endConfirmBodyNoDate')}</p>
      </ConfirmDialog>
    </Card>
  );
}

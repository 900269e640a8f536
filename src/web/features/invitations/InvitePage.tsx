import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InvitationPreview } from '../../../contracts/api';
import { fieldError, isApiError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Checkbox, Form, FormAlert, SelectField, SuccessMessage, TextField } from '../../ui/Form';
import { Card, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { LANGUAGES, rememberLanguage, type Language } from '../../i18n';
import { meQuery } from '../account/api';
import { PlgExplainer } from '../info/PlgExplainer';
import { invitationPreviewQuery, useAcceptInvitation, useRenewInvitation } from './api';
import styles from './invitations.module.css';

function Summary({ p }: { p: InvitationPreview }) {
  const { t } = useTranslation();
  return (
    <div className={styles.summary}>
      {p.message && (
        <blockquote className={styles.quote}>
          <p style={{ margin: 0 }}>{p.message}</p>
          {p.inviterName && <footer>— {p.inviterName}</footer>}
        </blockquote>
      )}
      <dl>
        <div>
          <dt>{t('invitations.accept.community')}</dt>
          <dd>
            {p.communityName} ({t('invitations.accept.inNetwork', { network: p.networkName })})
          </dd>
        </div>
        {p.question && (
          <div>
            <dt>{t('communities.fields.question')}</dt>
            <dd>{p.question}</dd>
          </div>
        )}
        {p.ambition && (
          <div>
            <dt>{t('communities.fields.ambition')}</dt>
            <dd>{p.ambition}</dd>
          </div>
        )}
        <div>
          <dt>{t('invitations.accept.youJoinAs')}</dt>
          <dd>
            {t(`enums.group.${p.stakeholderGroup}`)}
            {p.organisationName && <> · {p.organisationName}</>} · {p.roles.map((r) => t(`enums.role.${r}`)).join(', ')}
          </dd>
        </div>
      </dl>
    </div>
  );
}

function JoinForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const me = useQuery(meQuery);
  const [name, setName] = useState(preview.name);
  const [locale, setLocale] = useState<Language>(preview.locale);
  const [privacy, setPrivacy] = useState(false);
  const [privacyMissing, setPrivacyMissing] = useState(false);
  // An existing account joined, but the link does not sign anyone in to it.
  const [joined, setJoined] = useState<{ communityId: string; email: string } | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!privacy) {
      setPrivacyMissing(true);
      return;
    }
    setPrivacyMissing(false);
    accept.mutate(
      { token, name: name.trim() || undefined, locale, acceptPrivacy: true },
      {
        onSuccess: (res) => {
          rememberLanguage(locale);
          void i18n.changeLanguage(locale);
          if (res.signedIn) navigate(`/communities/${res.communityId}`, { replace: true });
          else setJoined({ communityId: res.communityId, email: res.email });
        },
      },
    );
  };

  if (joined) {
    const signInHref = `/sign-in?redirectTo=${encodeURIComponent(`/communities/${joined.communityId}`)}`;
    return (
      <Card aria-labelledby="joined-h">
        <h2 id="joined-h">{t('invitations.accept.joinedTitle')}</h2>
        <p role="status">{t('invitations.accept.joinedBody', { email: joined.email, community: preview.communityName })}</p>
        {me.data ? <p>{t('invitations.accept.joinedOtherAccount', { email: joined.email })}</p> : <Link to={signInHref}>{t('invitations.accept.joinedSignIn', { email: joined.email })}</Link>}
      </Card>
    );
  }

  return (
    <Card aria-labelledby="join-h">
      <h2 id="join-h">{t('invitations.accept.formTitle')}</h2>
      <p>{preview.accountExists ? t('invitations.accept.accountExists', { email: preview.email }) : t('invitations.accept.noPassword', { email: preview.email })}</p>
      {me.data && me.data.email.toLowerCase() !== preview.email.toLowerCase() && (
        <p>{t('invitations.accept.signedInAsOther', { email: me.data.email })}</p>
      )}
      <Form onSubmit={onSubmit}>
        <FormAlert error={accept.error} />
        <TextField label={t('invitations.accept.name')} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(accept.error, 'name')} required />
        <SelectField label={t('account.fields.language')} value={locale} onChange={(e) => setLocale(e.target.value as Language)} error={fieldError(accept.error, 'locale')}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`layout.languageName.${l}`)}
            </option>
          ))}
        </SelectField>
        <Checkbox
          label={
            <>
              {t('invitations.accept.privacy')}{' '}
              (<Link to="/privacy" target="_blank" rel="noopener">
                {t('invitations.accept.privacyLink')}
              </Link>)
            </>
          }
          checked={privacy}
          onChange={(e) => setPrivacy(e.target.checked)}
          error={privacyMissing ? t('invitations.accept.privacyRequired') : fieldError(accept.error, 'acceptPrivacy')}
        />
        <div>
          <Button type="submit" disabled={accept.isPending}>
            {accept.isPending ? t('common.working') : t('invitations.accept.join')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function Valid({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'explain' | 'form'>(preview.prePhase ? 'explain' : 'form');
  usePageTitle(step === 'explain' ? t('invitations.accept.explainTitle') : t('invitations.accept.title', { community: preview.communityName }));
  if (step === 'explain') {
    return (
      <div className={styles.steps}>
        <PageHeader
          eyebrow={t('invitations.accept.step', { n: 1, total: 2 })}
          title={t('invitations.accept.explainTitle')}
          lead={t('invitations.accept.explainLead', { name: preview.inviterName ?? t('invitations.accept.someone'), community: preview.communityName })}
        />
        <PlgExplainer />
        <p style={{ marginTop: '1.5rem' }}>
          <Button
            onClick={() => {
              setStep('form');
              window.scrollTo(0, 0);
              requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
            }}
          >
            {t('invitations.accept.continue')}
          </Button>
        </p>
      </div>
    );
  }
  return (
    <div className={styles.steps}>
      <PageHeader
        eyebrow={preview.prePhase ? t('invitations.accept.step', { n: 2, total: 2 }) : undefined}
        title={t('invitations.accept.title', { community: preview.communityName })}
        lead={t('invitations.accept.lead', { name: preview.inviterName ?? t('invitations.accept.someone') })}
      />
      <Summary p={preview} />
      <JoinForm token={token} preview={preview} />
    </div>
  );
}

function Expired({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  usePageTitle(t('invitations.expired.title'));
  const renew = useRenewInvitation();
  return (
    <div className={styles.steps}>
      <PageHeader title={t('invitations.expired.title')} lead={t('invitations.expired.body', { community: preview.communityName })} />
      {renew.isSuccess ? (
        <SuccessMessage>
          <p style={{ margin: 0 }}>
            <strong>{t('invitations.expired.sentTitle')}</strong>
          </p>
          <p style={{ margin: 0 }}>{t('invitations.expired.sentBody', { email: preview.email })}</p>
        </SuccessMessage>
      ) : (
        <>
          <FormAlert error={renew.error} />
          <Button onClick={() => renew.mutate(token)} disabled={renew.isPending}>
            {renew.isPending ? t('common.working') : t('invitations.expired.renew')}
          </Button>
        </>
      )}
    </div>
  );
}

function Used({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  usePageTitle(t('invitations.used.title'));
  const me = useQuery(meQuery);
  return (
    <div className={styles.steps}>
      <PageHeader title={t('invitations.used.title')} lead={t('invitations.used.body', { community: preview.communityName })} />
      {me.data ? (
        <p>
          <Link to="/">{t('invitations.used.toDashboard')}</Link>
        </p>
      ) : (
        <p>{t('invitations.used.signInHint')}</p>
      )}
      {!me.data && (
        <p>
          <Link to="/sign-in">{t('invitations.used.signIn')}</Link>
        </p>
      )}
    </div>
  );
}

function Withdrawn({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  usePageTitle(t('invitations.withdrawn.title'));
  return (
    <div className={styles.steps}>
      <PageHeader title={t('invitations.withdrawn.title')} lead={t('invitations.withdrawn.body', { community: preview.communityName })} />
      <p>{preview.inviterName ? t('invitations.withdrawn.contactNamed', { name: preview.inviterName }) : t('invitations.withdrawn.contact')}</p>
    </div>
  );
}

function UnknownLink() {
  const { t } = useTranslation();
  usePageTitle(t('invitations.unknown.title'));
  return (
    <div className={styles.steps}>
      <PageHeader title={t('invitations.unknown.title')} lead={t('invitations.unknown.body')} />
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </div>
  );
}

export default function InvitePage() {
  const { token = '' } = useParams();
  const q = useQuery(invitationPreviewQuery(token));
  if (q.isPending) return <Loading />;
  if (q.isError) {
    if (isApiError(q.error) && q.error.status === 404) return <UnknownLink />;
    return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  }
  const p = q.data;
  switch (p.state) {
    case 'valid':
      return <Valid token={token} preview={p} />;
    case 'expired':
      return <Expired token={token} preview={p} />;
    case 'used':
      return <Used preview={p} />;
    case 'withdrawn':
      return <Withdrawn preview={p} />;
  }
}

import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, SuccessMessage, TextField } from '../../ui/Form';
import { Card, PageHeader, usePageTitle } from '../../ui/Page';
import { meQuery, safeRedirect, useSignIn, useSignInLink } from './api';
import styles from './account.module.css';

export default function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.signIn.title'));
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get('redirectTo'));
  const linkInvalid = params.get('error') === 'linkInvalid';
  const me = useQuery(meQuery);
  const navigate = useNavigate();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [linkEmail, setLinkEmail] = useState('');
  const signIn = useSignIn();
  const signInLink = useSignInLink();

  if (me.data && !signIn.isSuccess) return <Navigate to={redirectTo} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => navigate(redirectTo, { replace: true }) });
  };
  const onLink = (e: FormEvent) => {
    e.preventDefault();
    signInLink.mutate({ email: linkEmail, redirectTo: redirectTo === '/' ? undefined : redirectTo });
  };

  return (
    <div className={styles.narrow}>
      <PageHeader title={t('account.signIn.title')} lead={t('account.signIn.lead')} />
      {linkInvalid && (
        <div role="alert" className={styles.notice}>
          <p>
            <strong>{t('account.signIn.linkInvalid.title')}</strong>
          </p>
          <p>{t('account.signIn.linkInvalid.body')}</p>
        </div>
      )}
      <div className={styles.columns}>
        <Card as="div">
          <h2 id="signin-password">{t('account.signIn.withPassword')}</h2>
          <Form onSubmit={onSubmit}>
            <FormAlert error={signIn.error} />
            <TextField
              label={t('account.fields.email')}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={fieldError(signIn.error, 'email')}
              required
            />
            <TextField
              label={t('account.fields.password')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldError(signIn.error, 'password')}
              required
            />
            <div>
              <Button type="submit" disabled={signIn.isPending}>
                {signIn.isPending ? t('common.working') : t('account.signIn.submit')}
              </Button>
            </div>
          </Form>
          <p className={styles.aside}>
            {t('account.signIn.noAccount')}{' '}
            <Link to={`/sign-up${redirectTo !== '/' ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`}>
              {t('account.signIn.toSignUp')}
            </Link>
          </p>
        </Card>
        <Card as="div">
          <h2 id="signin-link">{t('account.signIn.withLink')}</h2>
          <p>{t('account.signIn.linkLead')}</p>
          {signInLink.isSuccess ? (
            <SuccessMessage>
              <p>
                <strong>{t('account.signIn.linkSent.title')}</strong>
              </p>
              <p>{t('account.signIn.linkSent.body', { email: linkEmail })}</p>
              <Button variant="quiet" onClick={() => signInLink.reset()}>
                {t('account.signIn.linkSent.again')}
              </Button>
            </SuccessMessage>
          ) : (
            <Form onSubmit={onLink}>
              <FormAlert error={signInLink.error} />
              <TextField
                label={t('account.signIn.linkEmail')}
                type="email"
                autoComplete="email"
                value={linkEmail}
                onChange={(e) => setLinkEmail(e.target.value)}
                error={fieldError(signInLink.error, 'email')}
                required
              />
              <div>
                <Button type="submit" variant="secondary" disabled={signInLink.isPending}>
                  {signInLink.isPending ? t('common.working') : t('account.signIn.sendLink')}
                </Button>
              </div>
            </Form>
          )}
        </Card>
      </div>
    </div>
  );
}

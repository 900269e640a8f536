import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, SelectField, TextField } from '../../ui/Form';
import { Card, PageHeader, usePageTitle } from '../../ui/Page';
import { isLanguage, LANGUAGES, rememberLanguage, type Language } from '../../i18n';
import { DEFAULT_TIME_ZONE } from '../../lib/format';
import { meQuery, safeRedirect, useSignUp } from './api';
import styles from './account.module.css';

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || DEFAULT_TIME_ZONE;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

export default function SignUpPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('account.signUp.title'));
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get('redirectTo'));
  const me = useQuery(meQuery);
  const navigate = useNavigate();
  const signUp = useSignUp();

  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState<Language>(isLanguage(i18n.language) ? i18n.language : 'nl');
  const [tooShort, setTooShort] = useState(false);

  if (me.data && !signUp.isSuccess) return <Navigate to={redirectTo} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (password.length > 0 && password.length < 8) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    signUp.mutate(
      { name, email, password, locale, timeZone: browserTimeZone() },
      {
        onSuccess: () => {
          rememberLanguage(locale);
          void i18n.changeLanguage(locale);
          navigate(redirectTo, { replace: true });
        },
      },
    );
  };

  return (
    <div className={styles.narrow}>
      <PageHeader title={t('account.signUp.title')} lead={t('account.signUp.lead')} />
      <Card>
        <Form onSubmit={onSubmit}>
          <FormAlert error={signUp.error} />
          <TextField
            label={t('account.fields.name')}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(signUp.error, 'name')}
            required
          />
          <TextField
            label={t('account.fields.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError(signUp.error, 'email')}
            required
          />
          <TextField
            label={t('account.fields.password')}
            description={t('account.fields.passwordHint')}
            type="password"
            autoComplete="new-password"
            minLength={8}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={tooShort ? t('account.fields.passwordTooShort') : fieldError(signUp.error, 'password')}
            required
          />
          <SelectField
            label={t('account.fields.language')}
            value={locale}
            onChange={(e) => setLocale(e.target.value as Language)}
            error={fieldError(signUp.error, 'locale')}
          >
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`layout.languageName.${l}`)}
              </option>
            ))}
          </SelectField>
          <div>
            <Button type="submit" disabled={signUp.isPending}>
              {signUp.isPending ? t('common.working') : t('account.signUp.submit')}
            </Button>
          </div>
        </Form>
        <p className={styles.aside}>
          {t('account.signUp.haveAccount')}{' '}
          <Link to={`/sign-in${redirectTo !== '/' ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`}>
            {t('account.signUp.toSignIn')}
          </Link>
        </p>
      </Card>
    </div>
  );
}

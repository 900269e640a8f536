import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../contracts/api';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, SelectField, SuccessMessage, TextField } from '../../ui/Form';
import { Card, Loading, PageHeader, usePageTitle } from '../../ui/Page';
import { LANGUAGES, rememberLanguage, type Language } from '../../i18n';
import { supportedTimeZones } from '../../lib/format';
import { meQuery, useChangePassword, useUpdateMe } from './api';
import styles from './account.module.css';

function ProfileForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateMe();
  const [name, setName] = useState(me.name);
  const [locale, setLocale] = useState<Language>(me.locale);
  const [timeZone, setTimeZone] = useState(me.timeZone || 'Europe/Amsterdam');
  const zones = useMemo(() => {
    const all = supportedTimeZones();
    return all.includes(timeZone) ? all : [timeZone, ...all];
  }, [timeZone]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { name, locale, timeZone },
      {
        onSuccess: (next) => {
          rememberLanguage(next.locale);
          void i18n.changeLanguage(next.locale);
        },
      },
    );
  };

  return (
    <Card aria-labelledby="profile-h">
      <h2 id="profile-h">{t('account.profile.title')}</h2>
      <Form onSubmit={onSubmit}>
        <FormAlert error={update.error} />
        {update.isSuccess && <SuccessMessage>{t('account.profile.saved')}</SuccessMessage>}
        <TextField label={t('account.fields.name')} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(update.error, 'name')} required />
        <p style={{ margin: 0 }}>
          <strong>{t('account.fields.email')}:</strong> {me.email}
        </p>
        <SelectField label={t('account.fields.language')} value={locale} onChange={(e) => setLocale(e.target.value as Language)} error={fieldError(update.error, 'locale')}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`layout.languageName.${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('account.fields.timeZone')}
          description={t('account.fields.timeZoneHint')}
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          error={fieldError(update.error, 'timeZone')}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </SelectField>
        <div>
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? t('common.working') : t('account.profile.save')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function PasswordForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [wasSet, setWasSet] = useState(false);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (next.length < 8) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    const hadPassword = me.hasPassword;
    change.mutate(
      { currentPassword: me.hasPassword ? current : undefined, newPassword: next },
      {
        onSuccess: () => {
          setWasSet(!hadPassword);
          setCurrent('');
          setNext('');
        },
      },
    );
  };

  return (
    <Card aria-labelledby="password-h">
      <h2 id="password-h">{me.hasPassword ? t('account.password.changeTitle') : t('account.password.setTitle')}</h2>
      {!me.hasPassword && <p>{t('account.password.setLead')}</p>}
      <Form onSubmit={onSubmit}>
        <FormAlert error={change.error} />
        {change.isSuccess && <SuccessMessage>{wasSet ? t('account.password.setDone') : t('account.password.changed')}</SuccessMessage>}
        {me.hasPassword && (
          <TextField
            label={t('account.fields.currentPassword')}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            error={fieldError(change.error, 'currentPassword')}
            required
          />
        )}
        <TextField
          label={t('account.fields.newPassword')}
          description={t('account.fields.passwordHint')}
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={tooShort ? t('account.fields.passwordTooShort') : fieldError(change.error, 'newPassword')}
          required
        />
        <div>
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? t('common.working') : me.hasPassword ? t('account.password.change') : t('account.password.set')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export default function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.page.title'));
  const me = useQuery(meQuery);
  if (!me.data) return <Loading />;
  return (
    <div className={styles.stack}>
      <PageHeader title={t('account.page.title')} lead={t('account.page.lead')} />
      <ProfileForm me={me.data} />
      <PasswordForm me={me.data} />
      <Card aria-labelledby="notifications-h">
        <h2 id="notifications-h">{t('notifications.accountLink.title')}</h2>
        <p>{t('notifications.accountLink.body')}</p>
        <Link to="/account/notifications">{t('notifications.accountLink.link')}</Link>
      </Card>
    </div>
  );
}

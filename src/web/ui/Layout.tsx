import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQuery, replaceSession, useSignOut, useUpdateMe } from '../features/account/api';
import { LANGUAGES, rememberLanguage, type Language } from '../i18n';
import { requestHeadingFocus, setAnnouncer } from './Page';
import styles from './Layout.module.css';

function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { data: me } = useQuery(meQuery);
  const updateMe = useUpdateMe();
  const choose = (lang: Language) => {
    rememberLanguage(lang);
    void i18n.changeLanguage(lang);
    if (me && me.locale !== lang) updateMe.mutate({ locale: lang });
  };
  return (
    <div role="group" aria-label={t('layout.language')} className={styles.langs}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={i18n.language === lang}
          className={styles.lang}
          onClick={() => choose(lang)}
        >
          <span aria-hidden="true">{lang.toUpperCase()}</span>
          <span className="sr-only">{t(`layout.languageName.${lang}`)}</span>
        </button>
      ))}
    </div>
  );
}

function UserMenu({ name, onSignOut, signingOut }: { name: string; onSignOut: () => void; signingOut: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const location = useLocation();

  useEffect(() => setOpen(false), [location.pathname]);
  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('mousedown', onDoc);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDoc);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className={styles.menu} ref={ref}>
      <button
        ref={buttonRef}
        type="button"
        className={styles.menuButton}
        aria-expanded={open}
        aria-controls="user-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="sr-only">{t('layout.userMenu')}: </span>
        <span className={styles.userName}>{name}</span>
        <span aria-hidden="true"> ▾</span>
      </button>
      <ul id="user-menu" className={styles.menuList} hidden={!open}>
        <li>
          <Link to="/account">{t('layout.account')}</Link>
        </li>
        <li>
          <button
            type="button"
            onClick={onSignOut}
            disabled={signingOut}
          >
            {t('layout.signOut')}
          </button>
        </li>
      </ul>
    </div>
  );
}

export function Layout() {
  const { t, i18n } = useTranslation();
  const { data: me } = useQuery(meQuery);
  const location = useLocation();
  const navigation = useNavigation();
  const [announcement, setAnnouncement] = useState('');
  const first = useRef(true);
  const navigate = useNavigate();
  // Signing out lives here, not in the menu: the menu unmounts as soon as the session is gone.
  const signOut = useSignOut();
  const qc = useQueryClient();
  const onSignOut = () =>
    signOut.mutate(undefined, {
      onSuccess: async () => {
        await navigate('/', { replace: true });
        replaceSession(qc, null);
      },
    });

  // The account's language wins once we know who is signed in.
  useEffect(() => {
    if (me && me.locale !== i18n.language) {
      rememberLanguage(me.locale);
      void i18n.changeLanguage(me.locale);
    }
  }, [me, i18n]);

  useEffect(() => {
    setAnnouncer((text) => setAnnouncement(t('layout.navigatedTo', { page: text })));
    return () => setAnnouncer(null);
  }, [t]);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    requestHeadingFocus();
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <div className={styles.shell}>
      <a href="#main" className={styles.skip}>
        {t('layout.skipToContent')}
      </a>
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <Link to="/" className={styles.brand}>
            <span aria-hidden="true" className={styles.logo}>◯</span> Kring
          </Link>
          <nav aria-label={t('layout.mainNav')} className={styles.nav}>
            {me ? (
              <NavLink to="/" end>
                {t('layout.dashboard')}
              </NavLink>
            ) : null}
            <NavLink to="/what-is-a-plg">{t('layout.whatIsPlg')}</NavLink>
          </nav>
          <div className={styles.tools}>
            <LanguageSwitcher />
            {me ? (
              <UserMenu name={me.name} onSignOut={onSignOut} signingOut={signOut.isPending} />
            ) : (
              <Link to={`/sign-in${location.pathname !== '/' && location.pathname !== '/sign-in' ? `?redirectTo=${encodeURIComponent(location.pathname + location.search)}` : ''}`} className={styles.signIn}>
                {t('layout.signIn')}
              </Link>
            )}
          </div>
        </div>
      </header>
      {navigation.state === 'loading' && (
        <div className={styles.progress} role="progressbar" aria-label={t('common.loading')} />
      )}
      <main id="main" tabIndex={-1} className={styles.main}>
        <Outlet />
      </main>
      <footer className={styles.footer}>
        <div className={styles.footerInner}>
          <p>{t('layout.footer.tagline')}</p>
          <nav aria-label={t('layout.footerNav')}>
            <ul className={styles.footerLinks}>
              <li>
                <Link to="/what-is-a-plg">{t('layout.whatIsPlg')}</Link>
              </li>
              <li>
                <Link to="/privacy">{t('layout.footer.privacy')}</Link>
              </li>
              <li>
                <a href="/api/docs">{t('layout.footer.api')}</a>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
      <div aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </div>
    </div>
  );
}

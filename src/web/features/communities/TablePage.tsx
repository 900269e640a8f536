import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TableSuggestion, TableView } from '../../../contracts/api';
import { Card, EmptyState, Loading, PageHeader, QueryError, usePageTitle } from '../../ui/Page';
import { useFormat } from '../../lib/format';
import { useCommunity } from './CommunityLayout';
import { tableQuery } from './api';
import styles from './table.module.css';

type Seat = TableView['child'][number];
type Corner = 'parent' | 'school' | 'care';

function SeatList({ seats, emptyText }: { seats: Seat[]; emptyText: string }) {
  const { t } = useTranslation();
  if (seats.length === 0) return <p className={styles.emptyCorner}>{emptyText}</p>;
  return (
    <ul className={styles.seatList}>
      {seats.map((s) => (
        <li key={s.memberId}>
          <span className={styles.seatName}>{s.name}</span>
          {s.organisationName && <span className={styles.seatMeta}> · {s.organisationName}</span>}
          {s.roles.some((r) => r !== 'member') && (
            <span className={styles.seatMeta}> · {s.roles.filter((r) => r !== 'member').map((r) => t(`enums.role.${r}`)).join(', ')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The dynamic triangle drawn as a picture; the lists below carry the same information as text. */
function Triangle({ view }: { view: TableView }) {
  const { t } = useTranslation();
  const n = (c: Corner) => view.triangle[c].length;
  const summary = t('communities.table.triangleSummary', {
    parent: n('parent'),
    school: n('school'),
    care: n('care'),
    child: view.child.length,
  });
  const corner = (c: Corner, x: number, y: number, labelY: number, color: string) => (
    <g>
      <circle cx={x} cy={y} r={38} fill={color} />
      <text x={x} y={y + 9} textAnchor="middle" className={styles.svgCount}>
        {n(c) === 0 ? '—' : n(c)}
      </text>
      <text x={x} y={labelY} textAnchor="middle" className={styles.svgLabel}>
        {t(`communities.table.corner.${c}`)}
      </text>
    </g>
  );
  return (
    <figure className={styles.figure}>
      <svg viewBox="0 0 480 370" role="img" aria-labelledby="tri-title tri-desc" className={styles.svg}>
        <title id="tri-title">{t('communities.table.triangleTitle')}</title>
        <desc id="tri-desc">{summary}</desc>
        <polygon points="240,80 95,290 385,290" fill="none" stroke="#6b7280" strokeWidth={3} strokeDasharray="8 6" />
        <circle cx={240} cy={205} r={34} fill="#fff" stroke="var(--corner-child)" strokeWidth={4} />
        <text x={240} y={213} textAnchor="middle" className={styles.svgChildCount}>
          {view.child.length === 0 ? '—' : view.child.length}
        </text>
        <text x={240} y={262} textAnchor="middle" className={styles.svgChild}>
          {t('communities.table.corner.child')}
        </text>
        {corner('parent', 240, 80, 28, 'var(--corner-parent)')}
        {corner('school', 95, 290, 350, 'var(--corner-school)')}
        {corner('care', 385, 290, 350, 'var(--corner-care)')}
      </svg>
      <figcaption className={styles.caption}>{summary}</figcaption>
    </figure>
  );
}

function useSuggestionText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (s: TableSuggestion): string => {
    const p = s.params;
    switch (s.code) {
      case 'tooFewMembers':
        return t('communities.table.suggestions.tooFewMembers', { count: Number(p.count ?? 0), min: p.min });
      case 'tooManyMembers':
        return t('communities.table.suggestions.tooManyMembers', { count: Number(p.count ?? 0), max: p.max });
      case 'cornerEmpty':
        return t('communities.table.suggestions.cornerEmpty', { corner: t(`communities.table.cornerLower.${String(p.corner)}`, { defaultValue: String(p.corner) }) });
      case 'organisationDominates':
        return t('communities.table.suggestions.organisationDominates', {
          organisation: p.organisation,
          share: fmt.percent(Number(p.share ?? 0)),
          seats: p.seats,
          total: p.total,
        });
      case 'noChair':
        return t('communities.table.suggestions.noChair');
      case 'singleOrganisation':
        return t('communities.table.suggestions.singleOrganisation');
      default:
        return t('communities.table.suggestions.unknown');
    }
  };
}

export default function TablePage() {
  const { t } = useTranslation();
  const c = useCommunity();
  usePageTitle(t('communities.table.title'));
  const q = useQuery(tableQuery(c.id));
  const fmt = useFormat();
  const suggestionText = useSuggestionText();

  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  const bandState = v.seatCount < v.band.min ? 'below' : v.seatCount > v.band.max ? 'above' : 'within';

  return (
    <div>
      <PageHeader title={t('communities.table.title')} lead={t('communities.table.lead')} />

      <div className={styles.stats}>
        <Card className={styles.stat}>
          <p className={styles.statValue}>{v.seatCount}</p>
          <p className={styles.statLabel}>{t('communities.table.seats', { count: v.seatCount })}</p>
          <p className={styles.statNote}>
            <span aria-hidden="true">{bandState === 'within' ? '✓ ' : '• '}</span>
            {t(`communities.table.band.${bandState}`, { min: v.band.min, max: v.band.max })}
          </p>
        </Card>
        <Card className={styles.stat}>
          <p className={styles.statValue}>{v.pendingInvitations}</p>
          <p className={styles.statLabel}>{t('communities.table.pending', { count: v.pendingInvitations })}</p>
        </Card>
        <Card className={styles.stat}>
          <p className={styles.statValue}>{v.guests.length}</p>
          <p className={styles.statLabel}>{t('communities.table.guestsCount', { count: v.guests.length })}</p>
        </Card>
      </div>

      <section aria-labelledby="sugg-h">
        <h2 id="sugg-h">{t('communities.table.suggestionsTitle')}</h2>
        {v.suggestions.length === 0 ? (
          <p>{t('communities.table.noSuggestions')}</p>
        ) : (
          <>
            <p className={styles.statNote}>{t('communities.table.suggestionsLead')}</p>
            <ul className={styles.suggestions}>
              {v.suggestions.map((s, i) => (
                <li key={`${s.code}-${i}`}>{suggestionText(s)}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="tri-h">
        <h2 id="tri-h">{t('communities.table.triangleHeading')}</h2>
        <p>{t('communities.table.triangleLead')}</p>
        <div className={styles.triangleLayout}>
          <Triangle view={v} />
          <div className={styles.corners}>
            {(['parent', 'school', 'care'] as const).map((corner) => (
              <div key={corner} className={`${styles.corner} ${styles[`corner_${corner}`]}`}>
                <h3>
                  {t(`communities.table.corner.${corner}`)} <span className={styles.count}>({v.triangle[corner].length})</span>
                </h3>
                <SeatList seats={v.triangle[corner]} emptyText={t('communities.table.emptyCorner')} />
              </div>
            ))}
            <div className={`${styles.corner} ${styles.corner_child}`}>
              <h3>
                {t('communities.table.corner.child')} <span className={styles.count}>({v.child.length})</span>
              </h3>
              <SeatList seats={v.child} emptyText={t('communities.table.emptyChild')} />
            </div>
            {v.others.length > 0 && (
              <div className={styles.corner}>
                <h3>
                  {t('communities.table.others')} <span className={styles.count}>({v.others.length})</span>
                </h3>
                <SeatList seats={v.others} emptyText="" />
              </div>
            )}
            {v.guests.length > 0 && (
              <div className={styles.corner}>
                <h3>
                  {t('communities.table.guests')} <span className={styles.count}>({v.guests.length})</span>
                </h3>
                <p className={styles.statNote}>{t('communities.table.guestsNote')}</p>
                <SeatList seats={v.guests} emptyText="" />
              </div>
            )}
          </div>
        </div>
      </section>

      <section aria-labelledby="orgs-table-h">
        <h2 id="orgs-table-h">{t('communities.table.organisationsTitle')}</h2>
        {v.organisations.length === 0 ? (
          <EmptyState>{t('communities.table.noOrganisations')}</EmptyState>
        ) : (
          <div className={styles.tableWrap} tabIndex={0} role="region" aria-label={t('communities.table.organisationsCaption')}>
            <table>
              <caption className="sr-only">{t('communities.table.organisationsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('communities.table.col.organisation')}</th>
                  <th scope="col">{t('communities.table.col.type')}</th>
                  <th scope="col">{t('communities.table.col.seats')}</th>
                  <th scope="col">{t('communities.table.col.share')}</th>
                </tr>
              </thead>
              <tbody>
                {v.organisations.map((o, i) => (
                  <tr key={o.id ?? `none-${i}`}>
                    <th scope="row">{o.name ?? t('communities.table.noOrganisation')}</th>
                    <td>{o.type ? t(`enums.organisationType.${o.type}`) : '—'}</td>
                    <td>{o.seats}</td>
                    <td>
                      <span className={styles.shareBar} aria-hidden="true">
                        <span style={{ width: `${Math.round(Math.min(1, Math.max(0, o.share)) * 100)}%` }} />
                      </span>
                      {fmt.percent(o.share)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

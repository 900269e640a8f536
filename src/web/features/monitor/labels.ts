import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reason } from '../../../contracts/conditions';

/**
 * A condition's reason in plain words. `organisations` names the organisation ids some reasons carry;
 * numbers are formatted in the interface language.
 */
export function useReasonText() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'nl-NL';
  return useCallback(
    (reason: Reason, organisations: Map<string, string> = new Map()) => {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(reason.params)) params[k] = typeof v === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v) : v;
      let code = reason.code;
      if (code === 'regularity.gaps' && params.previous === '') code = 'regularity.gap';
      if (code === 'commitment.organisations') {
        const id = String(reason.params.lowest ?? '');
        const named = typeof reason.params.lowestName === 'string' && reason.params.lowestName !== '' ? reason.params.lowestName : organisations.get(id);
        params.lowest =
          id === 'none'
            ? t('monitor.noOrganisation', { defaultValue: '—' })
            : id === 'hidden'
              ? t('monitor.smallOrganisation', { defaultValue: 'een kleine organisatie' })
              : (named ?? id);
      }
      if (code === 'evaluation.item') params.itemText = t(`monitor.items.${String(reason.params.item)}`);
      return t(`monitor.reasons.${code}`, { ...params, defaultValue: code, interpolation: { escapeValue: false } });
    },
    [t, locale],
  );
}

/** "Regelmaat" / "Regularity". */
export function useConditionLabel() {
  const { t } = useTranslation();
  return useCallback((condition: string) => t(`monitor.conditions.${condition}`, { defaultValue: condition }), [t]);
}

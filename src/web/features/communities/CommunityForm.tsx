import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../contracts/api';
import { communityPhases, stakeholderGroups, type CommunityPhase, type StakeholderGroup } from '../../../contracts/enums';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Checkbox, CheckboxGroup, Form, FormAlert, SelectField, TextArea, TextField, formStyles } from '../../ui/Form';
import styles from './communities.module.css';

export interface CommunityFormValues {
  name: string;
  topic: string;
  question: string;
  ambition: string;
  endProduct: string;
  endProductVariants: { organisationId: string; description: string }[];
  phase: CommunityPhase;
  includesParents: boolean;
  firstGroups: StakeholderGroup[];
}

export const emptyCommunity: CommunityFormValues = {
  name: '',
  topic: '',
  question: '',
  ambition: '',
  endProduct: '',
  endProductVariants: [],
  phase: 'prePhase',
  includesParents: false,
  firstGroups: [],
};

type TextKey = 'name' | 'topic' | 'question' | 'ambition' | 'endProduct';

/** The user's edits (fields that differ from `base`) on top of `latest`. */
function keepEdits(edited: CommunityFormValues, base: CommunityFormValues, latest: CommunityFormValues): CommunityFormValues {
  const next = { ...latest };
  for (const key of Object.keys(edited) as (keyof CommunityFormValues)[]) {
    if (JSON.stringify(edited[key]) !== JSON.stringify(base[key])) (next as Record<string, unknown>)[key] = edited[key];
  }
  return next;
}

export function CommunityForm({
  initial,
  organisations,
  onSubmit,
  error,
  pending,
  submitLabel,
  saved,
  onReloadAfterConflict,
  extraActions,
}: {
  initial: CommunityFormValues;
  organisations: Organisation[];
  onSubmit: (values: CommunityFormValues) => void;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  /** The latest saved values, shown next to fields that differ after a conflict. */
  saved?: CommunityFormValues;
  onReloadAfterConflict?: () => void;
  extraActions?: ReactNode;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState<CommunityFormValues>(initial);
  // After a conflict the newest saved version comes in as `saved`: fields the user has not touched
  // take it, so that saving again keeps the other person's change; what the user typed stays.
  const [base, setBase] = useState<CommunityFormValues>(initial);
  const [mergedSaved, setMergedSaved] = useState(saved);
  if (saved !== mergedSaved) {
    setMergedSaved(saved);
    if (saved) {
      setV((prev) => keepEdits(prev, base, saved));
      setBase(saved);
    }
  }
  const set = <K extends keyof CommunityFormValues>(key: K, value: CommunityFormValues[K]) => setV((prev) => ({ ...prev, [key]: value }));

  const savedHint = (key: TextKey) =>
    saved && saved[key] !== v[key] ? (
      <p className={formStyles.serverValue}>
        <strong>{t('communities.form.savedValue')}</strong> {saved[key] || t('communities.form.emptyValue')}
      </p>
    ) : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      ...v,
      endProductVariants: v.endProductVariants.filter((x) => x.organisationId || x.description.trim()),
      firstGroups: v.phase === 'prePhase' ? v.firstGroups : [],
    });
  };

  const usedOrgs = new Set(v.endProductVariants.map((x) => x.organisationId));

  return (
    <Form onSubmit={submit}>
      <FormAlert error={error} onReload={onReloadAfterConflict} />
      <TextField label={t('communities.fields.name')} value={v.name} onChange={(e) => set('name', e.target.value)} error={fieldError(error, 'name')} required after={savedHint('name')} />
      <TextField
        label={t('communities.fields.topic')}
        description={t('communities.fields.topicHint')}
        value={v.topic}
        onChange={(e) => set('topic', e.target.value)}
        error={fieldError(error, 'topic')}
        optional
        after={savedHint('topic')}
      />
      <TextArea
        label={t('communities.fields.question')}
        description={t('communities.fields.questionHint')}
        value={v.question}
        onChange={(e) => set('question', e.target.value)}
        error={fieldError(error, 'question')}
        optional
        after={savedHint('question')}
      />
      <TextArea
        label={t('communities.fields.ambition')}
        description={t('communities.fields.ambitionHint')}
        value={v.ambition}
        onChange={(e) => set('ambition', e.target.value)}
        error={fieldError(error, 'ambition')}
        optional
        after={savedHint('ambition')}
      />
      <TextArea
        label={t('communities.fields.endProduct')}
        description={t('communities.fields.endProductHint')}
        value={v.endProduct}
        onChange={(e) => set('endProduct', e.target.value)}
        error={fieldError(error, 'endProduct')}
        optional
        after={savedHint('endProduct')}
      />

      <fieldset className={formStyles.fieldset}>
        <legend className={formStyles.legend}>{t('communities.fields.variants')}</legend>
        <p className={formStyles.description}>{t('communities.fields.variantsHint')}</p>
        {organisations.length === 0 && <p className={formStyles.description}>{t('communities.fields.variantsNoOrganisations')}</p>}
        {fieldError(error, 'endProductVariants') && <p className={formStyles.error}>{fieldError(error, 'endProductVariants')}</p>}
        {v.endProductVariants.map((variant, i) => (
          <div key={i} className={styles.variant}>
            <SelectField
              label={t('communities.fields.variantOrganisation', { n: i + 1 })}
              value={variant.organisationId}
              onChange={(e) =>
                set(
                  'endProductVariants',
                  v.endProductVariants.map((x, j) => (j === i ? { ...x, organisationId: e.target.value } : x)),
                )
              }
              error={fieldError(error, `endProductVariants.${i}.organisationId`)}
            >
              <option value="">{t('communities.fields.chooseOrganisation')}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id} disabled={o.id !== variant.organisationId && usedOrgs.has(o.id)}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            <TextArea
              label={t('communities.fields.variantDescription', { n: i + 1 })}
              value={variant.description}
              rows={2}
              onChange={(e) =>
                set(
                  'endProductVariants',
                  v.endProductVariants.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)),
                )
              }
              error={fieldError(error, `endProductVariants.${i}.description`)}
            />
            <div>
              <Button
                variant="quiet"
                size="small"
                onClick={() => set('endProductVariants', v.endProductVariants.filter((_, j) => j !== i))}
              >
                {t('communities.fields.removeVariant', { n: i + 1 })}
              </Button>
            </div>
          </div>
        ))}
        {organisations.length > 0 && v.endProductVariants.length < organisations.length && (
          <div>
            <Button
              variant="secondary"
              size="small"
              onClick={() => set('endProductVariants', [...v.endProductVariants, { organisationId: '', description: '' }])}
            >
              {t('communities.fields.addVariant')}
            </Button>
          </div>
        )}
      </fieldset>

      <SelectField
        label={t('communities.fields.phase')}
        description={t('communities.fields.phaseHint')}
        value={v.phase}
        onChange={(e) => set('phase', e.target.value as CommunityPhase)}
        error={fieldError(error, 'phase')}
      >
        {communityPhases.map((p) => (
          <option key={p} value={p}>
            {t(`enums.phase.${p}`)}
          </option>
        ))}
      </SelectField>

      <Checkbox
        label={t('communities.fields.includesParents')}
        checked={v.includesParents}
        onChange={(e) => set('includesParents', e.target.checked)}
        error={fieldError(error, 'includesParents')}
      />

      {v.phase === 'prePhase' && (
        <CheckboxGroup
          legend={t('communities.fields.firstGroups')}
          description={t('communities.fields.firstGroupsHint')}
          options={stakeholderGroups}
          value={v.firstGroups}
          onChange={(next) => set('firstGroups', next)}
          error={fieldError(error, 'firstGroups')}
          labelFor={(g) => t(`enums.group.${g}`)}
        />
      )}

      <div className={formStyles.actions}>
        <Button type="submit" disabled={pending}>
          {pending ? t('common.working') : submitLabel}
        </Button>
        {extraActions}
      </div>
    </Form>
  );
}

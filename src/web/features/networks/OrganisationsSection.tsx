import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../../contracts/api';
import { organisationTypes, type OrganisationType } from '../../../contracts/enums';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { ConfirmDialog, Dialog } from '../../ui/Dialog';
import { Form, FormAlert, SelectField, TextField, formStyles } from '../../ui/Form';
import { EmptyState } from '../../ui/Page';
import { useCreateOrganisation, useDeleteOrganisation, useUpdateOrganisation } from './api';
import styles from './networks.module.css';

function TypeSelect({ value, onChange, error }: { value: OrganisationType; onChange: (v: OrganisationType) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <SelectField label={t('networks.organisations.type')} value={value} onChange={(e) => onChange(e.target.value as OrganisationType)} error={error}>
      {organisationTypes.map((ty) => (
        <option key={ty} value={ty}>
          {t(`enums.organisationType.${ty}`)}
        </option>
      ))}
    </SelectField>
  );
}

function AddOrganisation({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const create = useCreateOrganisation(networkId);
  const [name, setName] = useState('');
  const [type, setType] = useState<OrganisationType>('primarySchool');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, type },
      {
        onSuccess: () => {
          setName('');
        },
      },
    );
  };
  return (
    <Form onSubmit={onSubmit} aria-labelledby="org-add-h" className={styles.addForm}>
      <h3 id="org-add-h">{t('networks.organisations.addTitle')}</h3>
      <FormAlert error={create.error} />
      {create.isSuccess && !create.isPending && <p role="status" className={formStyles.description}>{t('networks.organisations.added')}</p>}
      <TextField label={t('networks.organisations.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name')} required />
      <TypeSelect value={type} onChange={setType} error={fieldError(create.error, 'type')} />
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('common.working') : t('networks.organisations.add')}
        </Button>
      </div>
    </Form>
  );
}

function EditOrganisationDialog({ networkId, org, onClose }: { networkId: string; org: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateOrganisation(networkId);
  const [name, setName] = useState(org.name);
  const [type, setType] = useState<OrganisationType>(org.type);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: org.id, name, type }, { onSuccess: onClose });
  };
  return (
    <Dialog open onClose={onClose} title={t('networks.organisations.editTitle', { name: org.name })}>
      <Form onSubmit={onSubmit}>
        <FormAlert error={update.error} />
        <TextField label={t('networks.organisations.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(update.error, 'name')} required />
        <TypeSelect value={type} onChange={setType} error={fieldError(update.error, 'type')} />
        <div className={formStyles.actions}>
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? t('common.working') : t('common.save')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

export function OrganisationsSection({ networkId, organisations, canEdit }: { networkId: string; organisations: Organisation[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [removing, setRemoving] = useState<Organisation | null>(null);
  const remove = useDeleteOrganisation(networkId);

  return (
    <section aria-labelledby="orgs-h">
      <h2 id="orgs-h">{t('networks.organisations.title')}</h2>
      <p>{t('networks.organisations.lead')}</p>
      {organisations.length === 0 ? (
        <EmptyState>{t('networks.organisations.empty')}</EmptyState>
      ) : (
        <ul className={styles.orgs}>
          {organisations.map((o) => (
            <li key={o.id} className={styles.org}>
              <div>
                <span className={styles.orgName}>{o.name}</span>
                <span className={styles.orgType}>{t(`enums.organisationType.${o.type}`)}</span>
              </div>
              {canEdit && (
                <div className={styles.orgActions}>
                  <Button variant="secondary" size="small" onClick={() => setEditing(o)} aria-label={t('networks.organisations.editLabel', { name: o.name })}>
                    {t('common.edit')}
                  </Button>
                  <Button
                    variant="secondary"
                    size="small"
                    onClick={() => {
                      remove.reset();
                      setRemoving(o);
                    }}
                    aria-label={t('networks.organisations.removeLabel', { name: o.name })}
                  >
                    {t('common.remove')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && <AddOrganisation networkId={networkId} />}
      {editing && <EditOrganisationDialog networkId={networkId} org={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        open={!!removing}
        title={t('networks.organisations.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('networks.organisations.removeConfirm')}
        pending={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        error={<FormAlert error={remove.error} />}
      >
        <p>{t('networks.organisations.removeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

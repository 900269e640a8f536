import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../api/client';
import { Button } from '../../ui/Button';
import { Form, FormAlert, TextArea, TextField } from '../../ui/Form';
import { Card, PageHeader, usePageTitle } from '../../ui/Page';
import { useCreateNetwork } from './api';

export default function NewNetworkPage() {
  const { t } = useTranslation();
  usePageTitle(t('networks.new.title'));
  const navigate = useNavigate();
  const create = useCreateNetwork();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, description: description.trim() ? description : undefined },
      { onSuccess: (net) => navigate(`/networks/${net.id}`) },
    );
  };

  return (
    <div style={{ maxWidth: '44rem' }}>
      <PageHeader title={t('networks.new.title')} lead={t('networks.new.lead')} />
      <Card>
        <Form onSubmit={onSubmit}>
          <FormAlert error={create.error} />
          <TextField label={t('networks.fields.name')} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name')} required />
          <TextArea
            label={t('networks.fields.description')}
            description={t('networks.fields.descriptionHint')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={fieldError(create.error, 'description')}
            optional
          />
          <div>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? t('common.working') : t('networks.new.submit')}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}

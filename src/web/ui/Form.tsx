import { useId, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes, type FormHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import styles from './Form.module.css';
import { Button } from './Button';

export { styles as formStyles };

export function Form({ className, ...rest }: FormHTMLAttributes<HTMLFormElement>) {
  return <form noValidate className={[styles.form, className].filter(Boolean).join(' ')} {...rest} />;
}

interface FieldShell {
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
  /** e.g. the currently saved value after a conflict */
  after?: ReactNode;
}

function describedBy(...ids: unknown[]) {
  const v = ids.filter((x): x is string => typeof x === 'string' && x.length > 0).join(' ');
  return v || undefined;
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: ReactNode; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={htmlFor} className={styles.label}>
      {label}
      {optional && <span className={styles.optional}> ({t('common.optional')})</span>}
    </label>
  );
}

interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** Label, description, error and after-text around one control, wired up for screen readers. */
function Field({ label, description, error, optional, after, id, control }: FieldShell & { id?: string; control: (props: ControlProps) => ReactNode }) {
  const autoId = useId();
  const fid = id ?? autoId;
  return (
    <div className={styles.field}>
      <Label htmlFor={fid} label={label} optional={optional} />
      {description && <p id={`${fid}-d`} className={styles.description}>{description}</p>}
      {control({
        id: fid,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(description && `${fid}-d`, error && `${fid}-e`),
      })}
      {error && <p id={`${fid}-e`} className={styles.error}>{error}</p>}
      {after}
    </div>
  );
}

export function TextField({ label, description, error, optional, after, id, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field {...{ label, description, error, optional, after, id }} control={(props) => <input className={styles.input} {...props} {...input} />} />
  );
}

export function TextArea({ label, description, error, optional, after, id, ...input }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field {...{ label, description, error, optional, after, id }} control={(props) => <textarea className={styles.textarea} {...props} {...input} />} />
  );
}

export function SelectField({ label, description, error, optional, after, id, children, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field
      {...{ label, description, error, optional, after, id }}
      control={(props) => (
        <select className={styles.select} {...props} {...select}>
          {children}
        </select>
      )}
    />
  );
}

export function Checkbox({ label, error, id, ...input }: { label: ReactNode; error?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const autoId = useId();
  const fid = id ?? autoId;
  return (
    <div className={styles.field}>
      <div className={styles.check}>
        <input
          id={fid}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fid}-e` : undefined}
          {...input}
        />
        <label htmlFor={fid}>{label}</label>
      </div>
      {error && <p id={`${fid}-e`} className={styles.error}>{error}</p>}
    </div>
  );
}

/** A group of checkboxes for choosing several values of an enumeration. */
export function CheckboxGroup<T extends string>({
  legend,
  description,
  options,
  value,
  onChange,
  error,
  labelFor,
}: {
  legend: ReactNode;
  description?: ReactNode;
  options: readonly T[];
  value: T[];
  onChange: (next: T[]) => void;
  error?: string;
  labelFor: (v: T) => ReactNode;
}) {
  const id = useId();
  return (
    <fieldset className={styles.fieldset} aria-describedby={describedBy(description && `${id}-d`, error && `${id}-e`)}>
      <legend className={styles.legend}>{legend}</legend>
      {description && <p id={`${id}-d`} className={styles.description}>{description}</p>}
      {options.map((opt) => (
        <div key={opt} className={styles.check}>
          <input
            id={`${id}-${opt}`}
            type="checkbox"
            checked={value.includes(opt)}
            onChange={(e) => onChange(e.target.checked ? [...value, opt] : value.filter((v) => v !== opt))}
          />
          <label htmlFor={`${id}-${opt}`}>{labelFor(opt)}</label>
        </div>
      ))}
      {error && <p id={`${id}-e`} className={styles.error}>{error}</p>}
    </fieldset>
  );
}

/** The form-level message for a failed request: the problem title, or a clear conflict message. */
export function FormAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (isApiError(error) && error.status === 409 && onReload) {
    return (
      <div role="alert" className={`${styles.alert} ${styles.alertWarning}`}>
        <p><strong>{t('common.conflict.title')}</strong></p>
        <p>{t('common.conflict.body')}</p>
        <Button variant="secondary" onClick={onReload}>
          {t('common.conflict.reload')}
        </Button>
      </div>
    );
  }
  const title = isApiError(error) ? error.title : t('common.errors.unexpected');
  const hasFields = isApiError(error) && error.errors.length > 0;
  return (
    <div role="alert" className={styles.alert}>
      <p style={{ margin: 0 }}><strong>{title}</strong></p>
      {hasFields && <p style={{ margin: 0 }}>{t('common.errors.checkFields')}</p>}
    </div>
  );
}

export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" className={styles.success}>
      {children}
    </div>
  );
}

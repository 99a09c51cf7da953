// The app's building blocks: buttons that show progress, labelled fields with their errors,
// amounts, status badges, and the loading, empty and error states every list and page uses.

import { useId, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { languages, useI18n, type Language } from '../i18n/i18n.js';
import { describeError } from './errors.js';
import { formatMoney } from './format.js';

export function Button({ busy = false, variant = 'primary', children, disabled, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { readonly busy?: boolean; readonly variant?: 'primary' | 'secondary' | 'danger' | 'link' }) {
  const { t } = useI18n();
  return (
    <button type="button" className={`button button-${variant}`} disabled={disabled === true || busy} aria-busy={busy} {...rest}>
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" /> {t('action.working')}
        </>
      ) : (
        children
      )}
    </button>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
}

export function Field({ label, hint, error, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const described = [hint === undefined ? undefined : hintId, error === undefined ? undefined : errorId].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} aria-invalid={error === undefined ? undefined : true} aria-describedby={described === '' ? undefined : described} {...input} />
      {hint === undefined ? null : (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {error === undefined ? null : (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function SelectField({ label, children, id, ...select }: SelectHTMLAttributes<HTMLSelectElement> & { readonly label: string }) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      <select id={selectId} {...select}>
        {children}
      </select>
    </div>
  );
}

export function TextArea({ label, id, ...area }: InputHTMLAttributes<HTMLTextAreaElement> & { readonly label: string }) {
  const generated = useId();
  const areaId = id ?? generated;
  return (
    <div className="field">
      <label htmlFor={areaId}>{label}</label>
      <textarea id={areaId} rows={3} {...area} />
    </div>
  );
}

/** The 6-digit payment PIN: digits only, never remembered by the browser. */
export function PinField({ value, onChange, error }: { readonly value: string; readonly onChange: (value: string) => void; readonly error?: string | undefined }) {
  const { t } = useI18n();
  return (
    <Field
      label={t('field.pin')}
      hint={t('field.pinHint')}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      pattern="\d{6}"
      maxLength={6}
      required
      value={value}
      error={error}
      onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, 6))}
    />
  );
}

export function Money({ amount, currency, signed, className }: { readonly amount: string; readonly currency: string; readonly signed?: boolean; readonly className?: string }) {
  const negative = amount.startsWith('-');
  return <span className={`money ${signed === true ? (negative ? 'money-out' : 'money-in') : ''} ${className ?? ''}`}>{formatMoney(amount, currency, { signed: signed === true })}</span>;
}

export function StatusBadge({ status, prefix = 'status' }: { readonly status: string; readonly prefix?: string }) {
  const { t } = useI18n();
  return <span className={`badge badge-${status.toLowerCase()}`}>{t(`${prefix}.${status}`)}</span>;
}

export function Loading({ label }: { readonly label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label ?? t('state.loading')}
    </div>
  );
}

export function Empty({ children }: { readonly children?: ReactNode }) {
  const { t } = useI18n();
  return <div className="state state-empty">{children ?? t('state.empty')}</div>;
}

/** A failed load, in plain words, with a retry. */
export function ErrorState({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <p>{describeError(t, error)}</p>
      {onRetry === undefined ? null : (
        <Button variant="secondary" onClick={onRetry}>
          {t('state.retry')}
        </Button>
      )}
    </div>
  );
}

/** The result of an action: its error in plain words, or a success message. */
/** What is wrong with a form's input, said before it is sent (a field left empty, say); nothing when all is well. */
export function FieldProblem({ problem, id }: { readonly problem: string | undefined; readonly id?: string }) {
  if (problem === undefined) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {problem}
    </p>
  );
}

export function Outcome({ error, success }: { readonly error: unknown; readonly success?: string | undefined }) {
  const { t } = useI18n();
  if (error !== undefined)
    return (
      <p className="notice notice-error" role="alert">
        {describeError(t, error)}
      </p>
    );
  if (success !== undefined)
    return (
      <p className="notice notice-success" role="status">
        {success}
      </p>
    );
  return null;
}

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((option: Language) => (
        <button key={option} type="button" className={option === language ? 'active' : ''} aria-pressed={option === language} lang={option === 'zh' ? 'zh-CN' : 'en'} onClick={() => setLanguage(option)}>
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  );
}

export function CopyButton({ text }: { readonly text: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        });
      }}
    >
      {copied ? t('action.copied') : t('action.copy')}
    </Button>
  );
}

export function PageTitle({ children, actions }: { readonly children: ReactNode; readonly actions?: ReactNode }) {
  return (
    <div className="page-title">
      <h1 tabIndex={-1}>{children}</h1>
      {actions === undefined ? null : <div className="page-actions">{actions}</div>}
    </div>
  );
}

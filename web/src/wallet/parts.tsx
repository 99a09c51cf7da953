// Pieces the wallet's pages share: the amount field, and the result screen an action ends on
// (success, failure or still pending), which takes the focus so that it is read out at once.

import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { Field } from '../ui/components.js';
import { amountProblem } from '../ui/format.js';
import { Icon } from './icons.js';

/** A CNY amount: digits and one point as typed, checked by amountProblem() when sent. */
export function AmountField({ value, onChange, error, label }: { readonly value: string; readonly onChange: (value: string) => void; readonly error?: string | undefined; readonly label?: string }) {
  const { t } = useI18n();
  return (
    <Field
      label={label ?? t('field.amount')}
      hint={t('field.amountHint')}
      inputMode="decimal"
      autoComplete="off"
      required
      value={value}
      error={error}
      onChange={(event) => onChange(event.target.value.replace(/[^\d.]/g, '').slice(0, 16))}
    />
  );
}

/** The message of a typed amount's problem, once the person tried to send it. */
export function amountError(t: (key: string) => string, amount: string, tried: boolean): string | undefined {
  const problem = amountProblem(amount);
  return tried && problem !== undefined ? t(`error.${problem}`) : undefined;
}

/** The message of an incomplete PIN, once the person tried to send it. */
export function pinError(t: (key: string) => string, pin: string, tried: boolean): string | undefined {
  return tried && !/^\d{6}$/.test(pin) ? t('error.pin_invalid') : undefined;
}

/** Moves the focus to the page's heading when a step of a flow replaces the one before. */
export function useFocusHeading(): void {
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, []);
}

export function ResultScreen({ tone, title, children, actions }: { readonly tone: 'success' | 'failure' | 'pending'; readonly title: string; readonly children?: ReactNode; readonly actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={`card result result-${tone}`} role={tone === 'failure' ? 'alert' : 'status'}>
      <span className="result-icon">
        <Icon name={tone === 'success' ? 'check' : tone === 'failure' ? 'cross' : 'clock'} size={36} />
      </span>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {children}
      {actions === undefined ? null : <div className="button-row result-actions">{actions}</div>}
    </section>
  );
}

// The console's own building blocks: a confirmation dialog before an action that changes someone's
// account, a search box, a "load more" footer for cursor lists, facts in a definition list, and
// the notice shown where the role may not go.

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { Button, Empty, ErrorState, Field, Loading } from '../ui/components.js';
import type { PagedList } from '../ui/hooks.js';
import { useOperator } from './session.js';

interface DialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly message: ReactNode;
  readonly confirmLabel: string;
  readonly variant?: 'primary' | 'danger';
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * A modal dialog that asks before an action: it says what will happen, with the action and
 * Cancel (focused, so that Enter does not confirm by accident); Escape cancels.
 */
export function ConfirmDialog({ open, title, message, confirmLabel, variant = 'danger', onConfirm, onCancel }: DialogProps) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      element.showModal();
      element.querySelector<HTMLElement>('[data-cancel]')?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-message`} onClose={onCancel}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-message`}>{message}</div>
      <div className="button-row">
        <Button variant={variant} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" data-cancel onClick={onCancel}>
          {t('action.cancel')}
        </Button>
      </div>
    </dialog>
  );
}

interface ConfirmProps extends Omit<DialogProps, 'open' | 'onCancel'> {
  /** The button that opens the dialog. */
  readonly label: string;
  readonly busy: boolean;
  readonly disabled?: boolean;
}

/** A button that asks first (ConfirmDialog), then runs `onConfirm`. */
export function ConfirmButton({ label, busy, disabled, onConfirm, ...dialog }: ConfirmProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={dialog.variant ?? 'danger'} busy={busy} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ConfirmDialog
        {...dialog}
        open={open}
        onCancel={() => setOpen(false)}
        onConfirm={() => {
          setOpen(false);
          onConfirm();
        }}
      />
    </>
  );
}

/** A search form: the query is applied when submitted (Enter or the button), not on every key. */
export function SearchBox({ label, hint, initial, onSearch }: { readonly label: string; readonly hint: string; readonly initial: string; readonly onSearch: (query: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <Field label={label} hint={hint} type="search" value={text} onChange={(event) => setText(event.target.value)} />
      <Button type="submit">{t('action.search')}</Button>
    </form>
  );
}

/** The states of a cursor list around its table: loading, failed, empty, and "load more". */
export function PagedTable<T extends { readonly id: string }>({ list, empty, children }: { readonly list: PagedList<T>; readonly empty: string; readonly children: (items: T[]) => ReactNode }) {
  const { t } = useI18n();
  if (list.items.length === 0) {
    if (list.error !== undefined) return <ErrorState error={list.error} onRetry={list.reload} />;
    if (list.loading) return <Loading />;
    return <Empty>{empty}</Empty>;
  }
  return (
    <>
      {children(list.items)}
      {list.error === undefined ? null : <ErrorState error={list.error} onRetry={list.loadMore} />}
      <div className="list-footer">
        {list.hasMore ? (
          <Button variant="secondary" busy={list.loading} onClick={list.loadMore}>
            {t('state.more')}
          </Button>
        ) : (
          <span className="muted">{t('state.end')}</span>
        )}
      </div>
    </>
  );
}

export function Facts({ facts }: { readonly facts: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What an operator sees on a page their role may not open. */
export function NotAllowed() {
  const { t } = useI18n();
  const { operator } = useOperator();
  return (
    <div className="state" role="alert">
      {t('console.notAllowed', { role: t(`console.role.${operator.role}`) })}
    </div>
  );
}

/** A table with a caption for screen readers (and a visible heading elsewhere). */
export function Table({ caption, children }: { readonly caption: string; readonly children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/**
 * A field form's problems tied to its fields (the visit form, the gate's registration form): each
 * field marked invalid and described by its own message beside it, for readers as well as eyes,
 * and the summary of them all above the form's button.
 */
import type { ReactNode } from 'react';

export interface FieldProblems<F extends string> {
  /** aria-invalid for the field. */
  invalid(field: F): true | undefined;
  /** aria-describedby for the field: its message, while it has a problem. */
  describedBy(field: F): string | undefined;
  /** The field's message, said beside it. */
  fieldError(field: F): ReactNode;
  /** Every problem under `title`, in an alert. */
  summary(title: string): ReactNode;
}

/** `id` is the form's (useId); `message` says what is wrong with a field. */
export function fieldProblems<F extends string>(id: string, problems: readonly F[], message: (field: F) => string): FieldProblems<F> {
  const has = (field: F) => problems.includes(field);
  const errorId = (field: F) => `${id}-error-${field}`;
  return {
    invalid: (field) => has(field) || undefined,
    describedBy: (field) => (has(field) ? errorId(field) : undefined),
    fieldError: (field) => (has(field) ? <p id={errorId(field)} className="field-error" data-field={field}>{message(field)}</p> : null),
    summary: (title) =>
      problems.length > 0 && (
        <div className="notice notice-error" role="alert">
          <p>{title}</p>
          <ul>
            {problems.map((field) => (
              <li key={field}>{message(field)}</li>
            ))}
          </ul>
        </div>
      ),
  };
}

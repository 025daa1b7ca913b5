/**
 * A notice form's sending: busy while the API works, and what went wrong — each field's problem
 * (the API's words for a 400 naming it, or undefined for one the form found itself and says in
 * its own words), or a failure of the form as a whole.
 */
import { useState } from 'react';
import { ProblemError } from '../api/errors.ts';

/** What the API said of each field of a refused request, by the field's path under the body (`body.hotlines.1.phone` → `hotlines.1.phone`). */
function bodyFieldProblems(error: unknown): Map<string, string> {
  const said = new Map<string, string>();
  if (!(error instanceof ProblemError)) return said;
  for (const problem of error.problem.errors ?? []) {
    const field = problem.field.replace(/^body\./, '');
    if (!said.has(field)) said.set(field, problem.message);
  }
  return said;
}

export function useFieldSubmit<F extends string>(isField: (field: string) => field is F) {
  const [said, setSaid] = useState<ReadonlyMap<F, string | undefined>>(new Map());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  /** Sends, unless the form found problems first (`found`, said in the form's words). */
  const submit = async (found: readonly F[], send: () => Promise<void>) => {
    setSaid(new Map(found.map((field) => [field, undefined])));
    if (found.length > 0) return;
    setFailure(undefined);
    setBusy(true);
    try {
      await send();
    } catch (error) {
      const fields = [...bodyFieldProblems(error)].filter((entry): entry is [F, string] => isField(entry[0]));
      if (fields.length > 0) setSaid(new Map(fields));
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  /** A field changed is not wrong any more until the next try says so. */
  const changed = (field: F) => {
    if (said.has(field)) setSaid(new Map([...said].filter(([f]) => f !== field)));
  };
  const forgetAll = () => setSaid(new Map());
  return { said, busy, failure, submit, changed, forgetAll };
}

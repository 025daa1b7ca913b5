/**
 * The item rows of an order — name, quantity, unit; add a row, remove one — shared by the
 * household's own form (/h/{token}) and the form staff fill in for a household on the phone
 * (web/src/orders/OrderForm.tsx), so both read a quantity the same way: 1 to 99, full-width digits
 * from a Chinese keyboard too. It lives with the household page because that page must stay free
 * of the admin views' code; the staff form imports it from here. Each form keeps its own words.
 */
import { useId } from 'react';
import type { OrderLine } from '#shared/schemas/order.ts';
import './item-rows.css';

/** The schema's bounds (shared/schemas/order.ts), said before the API has to. */
export const MAX_ROWS = 30;
export const MAX_QTY = 99;

export interface ItemRow {
  readonly key: number;
  readonly name: string;
  readonly qty: string;
  readonly unit: string;
}

export const emptyRow = (key = 0): ItemRow => ({ key, name: '', qty: '1', unit: '' });

/**
 * A quantity as typed, or undefined unless a whole number 1–99. Full-width digits (a Chinese
 * keyboard's ０-９, 0xFEE0 above their ASCII twins) count, so "２" is 2. Not normaliseRoom
 * (shared/domain/households.ts): that module brings a hash library into the household's page.
 */
export function quantityOf(text: string): number | undefined {
  const digits = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,2}$/.test(digits)) return undefined;
  const qty = Number(digits);
  return qty >= 1 && qty <= MAX_QTY ? qty : undefined;
}

const named = (row: ItemRow) => row.name.trim() !== '';
const badQty = (row: ItemRow) => named(row) && quantityOf(row.qty) === undefined;

/** Whether the rows make an order: at least one named, every named one with a good quantity. */
export const rowsValid = (rows: readonly ItemRow[]): boolean => rows.some(named) && !rows.some(badQty);

/** The rows as the API takes them: named ones only, trimmed, the unit only when given. */
export function itemsOf(rows: readonly ItemRow[]): OrderLine[] {
  return rows.filter(named).map((r) => ({ name: r.name.trim(), qty: quantityOf(r.qty) ?? 1, ...(r.unit.trim() ? { unit: r.unit.trim() } : {}) }));
}

/** What each form calls things (its own locale file). */
export interface ItemWords {
  readonly legend: string;
  name(n: number): string;
  qty(n: number): string;
  unit(n: number): string;
  remove(n: number): string;
  readonly removeShort: string;
  readonly add: string;
  readonly namePlaceholder: string;
  readonly unitPlaceholder: string;
  readonly qtyInvalid: string;
  /** Said when no row is named. */
  readonly none: string;
}

export function ItemRows({ rows, onChange, checked, words, className }: {
  rows: readonly ItemRow[];
  onChange(rows: readonly ItemRow[]): void;
  /** The form was sent once: problems are said from now on. */
  checked: boolean;
  words: ItemWords;
  className?: string;
}) {
  const ids = useId();
  const setRow = (key: number, change: Partial<ItemRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const noneId = checked && !rows.some(named) ? `${ids}-none` : undefined;
  return (
    <fieldset className={className ?? 'household-items'} aria-describedby={noneId}>
      <legend className="report-label">{words.legend}</legend>
      <ol>
        {rows.map((row, i) => {
          const n = i + 1;
          const nameId = `${ids}-name-${row.key}`;
          const qtyId = `${ids}-qty-${row.key}`;
          const unitId = `${ids}-unit-${row.key}`;
          const qtyError = checked && badQty(row) ? `${ids}-qty-error-${row.key}` : undefined;
          // The "name one item" message belongs to the first row's name, where the item goes.
          const nameError = i === 0 ? noneId : undefined;
          return (
            <li key={row.key} className="household-item" data-row={n}>
              <label htmlFor={nameId}>{words.name(n)}</label>
              <input id={nameId} maxLength={50} autoComplete="off" placeholder={words.namePlaceholder} value={row.name}
                aria-invalid={nameError !== undefined || undefined} aria-describedby={nameError}
                onChange={(e) => setRow(row.key, { name: e.target.value })} />
              <div className="household-item-amount">
                <label htmlFor={qtyId}>{words.qty(n)}</label>
                <input id={qtyId} inputMode="numeric" autoComplete="off" maxLength={2} value={row.qty}
                  aria-invalid={qtyError !== undefined || undefined} aria-describedby={qtyError}
                  onChange={(e) => setRow(row.key, { qty: e.target.value })} />
                <label htmlFor={unitId}>{words.unit(n)}</label>
                <input id={unitId} maxLength={10} autoComplete="off" placeholder={words.unitPlaceholder}
                  value={row.unit} onChange={(e) => setRow(row.key, { unit: e.target.value })} />
                {rows.length > 1 ? (
                  <button type="button" className="household-remove" aria-label={words.remove(n)}
                    onClick={() => onChange(rows.filter((r) => r.key !== row.key))}>
                    {words.removeShort}
                  </button>
                ) : null}
              </div>
              {qtyError ? <p id={qtyError} className="field-error">{words.qtyInvalid}</p> : null}
            </li>
          );
        })}
      </ol>
      {rows.length < MAX_ROWS ? (
        <button type="button" className="household-add" onClick={() => onChange([...rows, emptyRow(Math.max(...rows.map((r) => r.key)) + 1)])}>
          {words.add}
        </button>
      ) : null}
      {noneId ? <p id={noneId} className="field-error">{words.none}</p> : null}
    </fieldset>
  );
}

/**
 * The numbers DynamoDB stores, without zod: the API's schemas (shared/schemas/common.ts), the
 * import readers and the table's check before every write share it, and a job that parses no
 * input does not load zod for it.
 */

/**
 * Whether DynamoDB can store the number: it keeps magnitudes from 1e-130 to 9.99…e125 (and 0)
 * with 38 significant digits, and refuses the rest with an error that used to surface as a 500
 * after the request had been accepted. A double has at most 17 significant digits, so only the
 * magnitude needs checking; a double below 1e126 prints as at most 9.999999999999999e125.
 */
export const storableNumber = (n: number): boolean => n === 0 || (Math.abs(n) >= 1e-130 && Math.abs(n) < 1e126);
export const UNSTORABLE_NUMBER = 'must be 0 or between 1e-130 and 1e126 in size (DynamoDB stores no other number)';

/**
 * The clock, injectable: handlers ask it for the time so that tests can set it.
 */
export type Clock = () => Date;

let current: Clock = () => new Date();

export const now = (): Date => current();
export const nowIso = (): string => current().toISOString();

export function setClock(clock: Clock): void {
  current = clock;
}

export function resetClock(): void {
  current = () => new Date();
}

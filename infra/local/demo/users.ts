/**
 * The demo city's users, for the local identity issuer and the welcome screen: the people of the
 * seeded city, drawn once per process.
 */
import type { LocalUser } from '../../../shared/schemas/local.ts';
import { generateCity } from './city.ts';

let users: LocalUser[] | undefined;

export function demoUsers(): LocalUser[] {
  users ??= generateCity().users;
  return users;
}

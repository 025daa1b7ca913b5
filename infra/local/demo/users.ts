/**
 * The demo city and its users, generated once per process: `npm start` and the browser tests
 * seed the city and hand its users to the identity issuer from the same generation.
 */
import type { LocalUser } from '#shared/schemas/local.ts';
import { generateCity, type GeneratedCity } from './city.ts';

let city: GeneratedCity | undefined;

export function demoCity(): GeneratedCity {
  city ??= generateCity();
  return city;
}

export function demoUsers(): LocalUser[] {
  return demoCity().users;
}

/**
 * Routes of people under care (重点人员): enrolment by the community or the grid worker (their
 * grid), the register (masked; officials see statuses, not people), the person's page, reports on
 * the resident's behalf, tests, contacts of paired cadres, the report link, and release. The
 * resident's own report goes through the public route with the link's token (public-reports).
 */
import {
  Contact, ContactCreate, LinkAnswer, LinkRequest, Person, PersonCreate, PersonCreated, PersonIdParams, PersonListQuery, PersonPage,
  PersonPatch, ReleaseRequest, ReportAnswer, StaffReport, Test, TestCreate,
} from '#shared/schemas/person.ts';
import { defineRoutes } from '../types.ts';

const ACTORS = ['community', 'grid'] as const;
const READERS = ['city', 'official', 'community', 'grid'] as const;

export const peopleRoutes = defineRoutes({
  createPerson: {
    method: 'POST', path: '/v1/people', resource: 'people', auth: 'jwt', roles: ACTORS,
    summary: 'Enrol a person under care: returnee, close contact, discharged, home quarantine (observation with a report link) or vulnerable (paired with a cadre)',
    description:
      'Observation categories start their period (14 days by default, per category configurable) on startDate and answer the report link\'s token once (reportToken: /r/{reportToken}). ' +
      'A grid worker enrols only in buildings of their grid (403). pairedWith must be a staff username of the directory (400 naming it), and is required for vulnerable.',
    body: { kind: 'json', schema: PersonCreate }, response: { status: 201, schema: PersonCreated }, errors: [404, 409],
  },
  listPeople: {
    method: 'GET', path: '/v1/people', resource: 'people', auth: 'jwt', roles: READERS,
    summary: 'The register of people under care within your jurisdiction (or a compound, grid or community of it): names masked, today\'s slots, missed slots, tests outstanding',
    description: 'Officials see categories, statuses and slots, never names, phones or rooms. A grid worker sees their grid\'s people.',
    query: PersonListQuery, response: { status: 200, schema: PersonPage }, errors: [404],
  },
  getPerson: {
    method: 'GET', path: '/v1/people/{id}', resource: 'people', auth: 'jwt', roles: READERS,
    summary: 'A person\'s page: the period\'s slots (pending, reported_ok, reported_symptoms, missed), tests, contacts, the report link\'s state',
    params: PersonIdParams, response: { status: 200, schema: Person }, errors: [404],
  },
  updatePerson: {
    method: 'PATCH', path: '/v1/people/{id}', resource: 'people', auth: 'jwt', roles: ACTORS,
    summary: 'Correct a person\'s details (name, phone, ID, building, room, reason, cadre); category and period stay',
    params: PersonIdParams, body: { kind: 'json', schema: PersonPatch }, response: { status: 200, schema: Person }, errors: [404, 409],
  },
  createPersonReport: {
    method: 'POST', path: '/v1/people/{id}/reports', resource: 'people', auth: 'jwt', roles: ACTORS,
    summary: 'Report on the resident\'s behalf (a phone call, a door visit): fills the slot whose window is open, or the slot named',
    description: 'A resend into the same slot updates it, never adds one. A fever (≥ 37.3 °C) or symptoms raise one alert for the community, once per slot. 409 after release.',
    params: PersonIdParams, body: { kind: 'json', schema: StaffReport }, response: { status: 201, schema: ReportAnswer }, errors: [404, 409],
  },
  createPersonTest: {
    method: 'POST', path: '/v1/people/{id}/tests', resource: 'people', auth: 'jwt', roles: ACTORS,
    summary: 'Record a nucleic-acid test taken (and its result, now or later: the same due day again)',
    params: PersonIdParams, body: { kind: 'json', schema: TestCreate }, response: { status: 201, schema: Test }, errors: [404, 409],
  },
  createPersonContact: {
    method: 'POST', path: '/v1/people/{id}/contacts', resource: 'people', auth: 'jwt', roles: ACTORS,
    summary: 'Log a contact with a person (a visit or a call, its outcome): the paired cadre\'s daily contact',
    params: PersonIdParams, body: { kind: 'json', schema: ContactCreate }, response: { status: 201, schema: Contact }, errors: [404, 409],
  },
  personLink: {
    method: 'POST', path: '/v1/people/{id}/link', resource: 'people', auth: 'jwt', roles: ACTORS,
    summary: 'Issue the report link again (the old one stops working) or revoke it',
    params: PersonIdParams, body: { kind: 'json', schema: LinkRequest }, response: { status: 200, schema: LinkAnswer }, errors: [404, 409],
  },
  releasePerson: {
    method: 'POST', path: '/v1/people/{id}/release', resource: 'people', auth: 'jwt', roles: ['city', 'community'],
    summary: 'Release a person: the period is over, every slot reported or judged, the tests negative (else 409 naming what is missing, unless forced with a note)',
    description: 'The report link stops working (410 on the public route).',
    params: PersonIdParams, body: { kind: 'json', schema: ReleaseRequest }, response: { status: 200, schema: Person }, errors: [404, 409],
  },
});

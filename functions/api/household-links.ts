/**
 * Households' links (issue 18): a grid worker (for their grid's buildings) or a community admin
 * makes the signed link a door slip carries (`/h/{token}`: the household's orders and its
 * compound's notices) and revokes it when a slip is lost or a household moves out. Making one again
 * revokes the household's previous link (link-store issueSubjectLink). The token is answered once
 * and never stored or logged: only its hash is kept.
 */
import { householdLinkUntil } from '#shared/domain/households.ts';
import { message } from '#shared/messages/message.ts';
import { householdLinksRoutes } from '#shared/catalogue/routes/household-links.ts';
import { httpHandler } from '../edge/http.ts';
import { nowIso } from '../platform/clock.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import { canReachHousehold, ensureHousehold, getHousehold } from '../stores/household-store.ts';
import { issueSubjectLink, resolveLink, revokeLink } from '../stores/link-store.ts';

export const handler = httpHandler(householdLinksRoutes, {
  createHouseholdLink: async ({ body, caller }) => {
    const household = await ensureHousehold(body, caller);
    const at = nowIso();
    const { token, record } = await issueSubjectLink({ subjectId: household.id, purpose: 'order', validUntil: householdLinkUntil(at), at });
    return { token, householdId: household.id, validUntil: record.validUntil };
  },

  revokeHouseholdLink: async ({ body, caller }) => {
    const at = nowIso();
    const link = await resolveLink(body.token, 'order', at);
    // Only a genuine household link the server issued can be revoked: a forged token, another
    // purpose's or one never issued is "not a household link", alike.
    const genuine = link.ok || link.reason === 'revoked' || link.reason === 'expired';
    const household = genuine && link.subjectId ? await getHousehold(link.subjectId) : undefined;
    if (!household || !link.hash) throw new NotFoundError(message('household.not-a-link'));
    if (!canReachHousehold(caller, household)) {
      throw new ForbiddenError(message('access.outside', { what: message('thing.household', { building: household.buildingId, compound: household.compoundId }) }));
    }
    const revoked = await revokeLink(link.hash, at);
    if (!revoked?.revokedAt) throw new NotFoundError(message('household.not-a-link'));
    return { householdId: household.id, revokedAt: revoked.revokedAt };
  },
});

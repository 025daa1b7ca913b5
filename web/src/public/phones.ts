/**
 * Phone numbers as the resident notices post them: tap-to-call links, and the public numbers every
 * notice carries (110, 120, 12315; their labels and numbers are translations). Shared by the
 * household's page (React) and the resident page (plain DOM), so both call the same numbers.
 */

/** The public hotlines, in the order posted: each has a label and a number under `public.hotlines.<line>`. */
export const PUBLIC_HOTLINES = ['police', 'ambulance', 'consumer'] as const;

/** A phone as a tel: link takes it: digits and a leading +, without the spaces and dashes it is posted with. */
export const telHref = (phone: string): string => `tel:${phone.replace(/[^\d+]/g, '')}`;

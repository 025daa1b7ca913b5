/**
 * The web app's runtime configuration, /config.json: one build serves every environment, and
 * the cloud deploy (infra/cloud/web.ts) writes what the app (web/src/config.ts) reads at start —
 * the API's URL, a basemap, and Cognito sign-in. Locally the file says "same origin, no basemap"
 * (the machine may be offline).
 */
import * as z from './zod.ts';
import { CRS } from './schemas/constants.ts';

export const RuntimeConfig = z.object({
  /** Base URL of the API; "" for the page's own origin (the local servers proxy the API). */
  apiUrl: z.string(),
  /** A Leaflet tile URL template; without it the map draws on a plain background. */
  tileUrl: z.optional(z.string().check(z.minLength(1))),
  tileAttribution: z.optional(z.string()),
  /**
   * The coordinate system of the tiles: Chinese providers draw in GCJ-02 (AutoNavi, Tencent) or
   * BD-09 (Baidu), and every overlay is shifted to match (web/src/map/coords.ts). Default wgs84.
   */
  tileCrs: z.optional(z.enum(CRS)),
  /** The deepest zoom the tiles have (the map zooms no further). */
  tileMaxZoom: z.optional(z.int().check(z.gte(1), z.lte(22))),
  /**
   * Where residents' phones reach the app (the gate QR code's address): the site's URL in the
   * cloud; locally --public-url, or the machine's LAN address when the server listens on every
   * interface but the page was opened on this machine's own name. Absent: the page's own origin.
   */
  publicUrl: z.optional(z.url({ protocol: /^https?$/ })),
  /** Cognito sign-in, written by the cloud deploy; absent locally (the demo issuer signs in). */
  region: z.optional(z.string().check(z.minLength(1))),
  userPoolId: z.optional(z.string().check(z.minLength(1))),
  userPoolClientId: z.optional(z.string().check(z.minLength(1))),
  /** The user pool's hosted-UI domain (https://<prefix>.auth.<region>.amazoncognito.com); with the client id, sign-in goes there. */
  authDomain: z.optional(z.url({ protocol: /^https$/ })),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;

/**
 * Whether a URL's host name is one only this machine resolves to itself (localhost, 127.x.x.x,
 * [::1]): a QR code printed with it opens on no phone.
 */
export const isLoopbackHost = (hostname: string): boolean => /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i.test(hostname);

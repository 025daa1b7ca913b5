/**
 * The app's services, made once at start and handed down through context: runtime config,
 * the API client, the session store and the auth adapter.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from './api/client.ts';
import { createLocalAuth, type AuthAdapter } from './auth/adapter.ts';
import { browserPorts, cognitoSettings, createCognitoAuth } from './auth/cognito.ts';
import { createSessionStore, type SessionState, type SessionStore } from './auth/session.ts';
import type { RuntimeConfig } from '#shared/runtime-config.ts';
import { forgetFieldDataOnSignOut } from './tasks/outbox.ts';
import { currentLanguage } from './i18n.ts';

export interface Services {
  readonly config: RuntimeConfig;
  readonly api: ApiClient;
  readonly sessions: SessionStore;
  readonly auth: AuthAdapter;
}

export function createServices(config: RuntimeConfig): Services {
  const sessions = createSessionStore();
  const api = createApiClient({
    baseUrl: config.apiUrl,
    getToken: () => sessions.getState().session?.token,
    getLanguage: currentLanguage,
    onUnauthorized: () => sessions.end('expired'),
  });
  const cognito = cognitoSettings(config, window.location.origin);
  const auth = cognito ? createCognitoAuth(cognito, sessions, browserPorts()) : createLocalAuth(api, sessions);
  forgetFieldDataOnSignOut(sessions);
  return { config, api, sessions, auth };
}

const ServicesContext = createContext<Services | undefined>(undefined);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext value={services}>{children}</ServicesContext>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

export const useApi = (): ApiClient => useServices().api;

export function useSession(): SessionState {
  const { sessions } = useServices();
  return useSyncExternalStore(sessions.subscribe, sessions.getState);
}

/**
 * The resident page in the component tests: it has no React (web/src/resident/page.ts), so it is
 * put in the document as its entry puts it (web/src/resident/main.ts), with its styles, and loads
 * from the scripted API client the React components get (render.tsx). Each page is taken down
 * after its test, so no page of an earlier test follows a later test's language switch.
 */
import { onTestFinished } from 'vitest';
import '#web/src/styles/public.css';
import '#web/src/notices/notices.css';
import { createResidentPage, type ResidentPage } from '#web/src/resident/page.ts';
import { scriptedApi, type Answer } from './render.tsx';

function unmount(page: ResidentPage, app: HTMLElement): void {
  page.destroy();
  app.remove();
}

/** The resident page of `compoundId` in the document, loading from `answer`. */
export function mountResidentPage(compoundId: string | undefined, answer?: Answer) {
  const { api, calls } = scriptedApi(answer);
  const page = createResidentPage(compoundId);
  const app = document.createElement('div');
  app.className = 'app app-public';
  app.append(page.element);
  document.body.append(app);
  onTestFinished(() => unmount(page, app));
  page.load(api);
  return { page, calls };
}

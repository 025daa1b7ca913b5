/** The top of a React page for residents (report link, household's page): a small kicker, the title, the language switch. */
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';

export function PageTop({ kicker, title }: { kicker: string; title: string }) {
  return (
    <header className="resident-top">
      <div>
        <p className="resident-kicker">{kicker}</p>
        <h1>{title}</h1>
      </div>
      <LanguageSwitch />
    </header>
  );
}

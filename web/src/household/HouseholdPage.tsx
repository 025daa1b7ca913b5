/** A household's order link (`/h/{token}`, issue 18): placeholder until the page lands. */
export function HouseholdPage(_props: { token: string }) {
  return <main id="main" />;
}

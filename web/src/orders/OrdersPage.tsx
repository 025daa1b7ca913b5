/** The order queue (代购配送, issue 18): placeholder until the view lands. */
export function OrdersPage() {
  return <main id="main" />;
}

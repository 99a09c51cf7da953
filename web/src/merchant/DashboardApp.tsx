// The merchant dashboard (being built).
export default function DashboardApp() {
  return <main id="main"><h1>Merchant dashboard</h1></main>;
}

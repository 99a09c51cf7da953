// The operator console (being built).
export default function ConsoleApp() {
  return <main id="main"><h1>Operator console</h1></main>;
}

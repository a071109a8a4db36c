// What a browser shows on the admin port without a session: which address to open. The hub prints
// it when it starts (`Admin: http://127.0.0.1:8788/?token=…`); the token is not on this screen.
export function SignInNeeded({ origin }: { origin: string }) {
  return (
    <main className="page">
      <h1>Open the address printed by the hub</h1>
      <p>
        This page needs the admin address the hub printed when it started. It looks like <code>{origin}/?token=…</code> and
        is on the line starting with <code>Admin:</code> in the hub’s console (<code>npm run serve</code>) or its service log.
      </p>
      <p>Open that address in this browser tab. You stay signed in until the tab is closed; other tabs and other programs on this PC are not signed in.</p>
    </main>
  );
}

export interface FlashView {
  kind: "success" | "error";
  messages: string[];
  /** Where the user acted: the screen shows the message there. */
  at?: string;
}

/** A one-time message after a redirect; `tabIndex` -1 lets a screen move focus to it. */
export function FlashMessage({ flash, id }: { flash: FlashView | null; id?: string }) {
  if (!flash) return null;
  const colours =
    flash.kind === "success" ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-900";
  return (
    <div
      id={id}
      tabIndex={id ? -1 : undefined}
      role={flash.kind === "error" ? "alert" : "status"}
      className={`mt-3 rounded border px-3 py-2 ${colours}`}
    >
      {flash.messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

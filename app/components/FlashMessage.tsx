export function FlashMessage({ flash }: { flash: { kind: "success" | "error"; messages: string[] } | null }) {
  if (!flash) return null;
  const colours =
    flash.kind === "success" ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-900";
  return (
    <div role={flash.kind === "error" ? "alert" : "status"} className={`mt-3 rounded border px-3 py-2 ${colours}`}>
      {flash.messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

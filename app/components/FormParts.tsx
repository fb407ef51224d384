import type { RootLoader } from "~/root";
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Link, useRouteLoaderData } from "@remix-run/react";

// The pieces every posting form uses: its buttons, the hidden authenticity token, the message
// shown after its redirect and the boxes of other messages; and the link back above a screen's
// title. One module, so that the browser loads them as one file (decision 023).

/**
 * primary: the one main action of a screen (Sauvegarder, Clôturer); secondary: another action
 * beside it; danger: a definitive deletion; remove: a row's "Retirer"; plain: a download.
 */
export type ButtonVariant = "primary" | "secondary" | "danger" | "remove" | "plain";
/** sm: inside a table row; md: a toolbar; lg: a form's submit button. */
export type ButtonSize = "sm" | "md" | "lg";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-700 font-semibold text-white hover:bg-brand-900",
  secondary: "border border-brand-700 bg-white text-brand-700 hover:bg-brand-50",
  danger: "bg-red-700 font-semibold text-white hover:bg-red-900",
  remove: "border border-red-700 text-red-800 hover:bg-red-50",
  plain: "border border-slate-500 hover:bg-slate-100",
};

const SIZES: Record<ButtonSize, string> = { sm: "px-2 py-1", md: "px-3 py-1.5", lg: "px-4 py-2" };

/** The classes of a button, or of a link shown as one (`<Link className={buttonClass("secondary", "md")}>`). */
export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "lg", extra = ""): string {
  return `inline-block rounded disabled:opacity-60 ${VARIANTS[variant]} ${SIZES[size]}${extra ? ` ${extra}` : ""}`;
}

/** A button of the given variant; a submit button unless `type` says otherwise. */
export function Button({
  variant = "primary",
  size = "lg",
  className = "",
  type = "submit",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return (
    <button
      type={type === "button" ? "button" : type === "reset" ? "reset" : "submit"}
      className={buttonClass(variant, size, className)}
      {...props}
    />
  );
}

/** The hidden field every form that posts carries: the token of the login (or of the visit) the page was made for. */
export function AuthenticityTokenInput() {
  const data = useRouteLoaderData<RootLoader>("root");
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ""} />;
}

export interface FlashView {
  kind: "success" | "error";
  messages: string[];
  /** Where the user acted: the screen shows the message there. */
  at?: string;
}

/** A one-time message after a redirect; `tabIndex` -1 lets a screen move focus to it. */
export function FlashMessage({ flash, id }: { flash: FlashView | null; id?: string }) {
  if (!flash) return null;
  return (
    <Notice tone={flash.kind} id={id} className="mt-3">
      {flash.messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </Notice>
  );
}

/**
 * A message in a box: green for what went well (`role="status"`), red for what failed or was
 * refused (`role="alert"`). With an `id`, it can be given the focus (tabIndex -1).
 */
export function Notice({
  tone,
  id,
  className = "",
  children,
}: {
  tone: "success" | "error";
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  const colours =
    tone === "success" ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-900";
  return (
    <div
      id={id}
      tabIndex={id ? -1 : undefined}
      role={tone === "error" ? "alert" : "status"}
      className={`rounded border px-3 py-2 ${colours} ${className}`}
    >
      {children}
    </div>
  );
}

/** The link back above a screen's title (« ← Toutes les sessions »), hidden when printing. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="no-print">
      <Link to={to} className="inline-block py-1 text-brand-700 underline">
        ← {children}
      </Link>
    </p>
  );
}

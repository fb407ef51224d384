import { json } from "@remix-run/node";

export const UNREADABLE_FORM = "Le formulaire envoyé est illisible : rechargez la page et recommencez.";

/**
 * The posted form. A body that is not a form (forged, cut off, another content type) answers
 * 400 with a French message, not the error page of a server fault; nothing has been read yet,
 * so nothing is written.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw json({ message: UNREADABLE_FORM }, { status: 400 });
  }
}

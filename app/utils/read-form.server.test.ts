import { describe, expect, it } from "vitest";
import { UNREADABLE_FORM, readForm } from "./read-form.server";

const post = (contentType: string, body: string) =>
  new Request("http://localhost/sessions/nouvelle", { method: "POST", headers: { "Content-Type": contentType }, body });

describe("readForm", () => {
  it("reads a posted form", async () => {
    const form = await readForm(post("application/x-www-form-urlencoded", "title=N1+printemps&place=Fosse"));
    expect(Object.fromEntries(form)).toEqual({ title: "N1 printemps", place: "Fosse" });
  });

  it.each([
    ["multipart without its boundary", "multipart/form-data", "--x\r\n"],
    ["JSON", "application/json", '{"title":"N1"}'],
    ["plain text", "text/plain", "title=N1"],
  ])("answers 400 with a French message to %s", async (_label, contentType, body) => {
    const thrown = await readForm(post(contentType, body)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: UNREADABLE_FORM });
  });
});

/** The first message of a refused submission, looking at the fields in the order given. */
export function firstError(
  error: Record<string, string[] | null> | null | undefined,
  order: string[],
): string | undefined {
  for (const name of order) {
    const messages = error?.[name];
    if (messages?.length) return messages[0];
  }
  return undefined;
}

/**
 * A target's write to an app, with the error turned into what the target throws: a refusal (the
 * app took nothing) becomes a RecordError, so the record can simply be sent again; any other error
 * stays, meaning "the outcome is unknown" (the next run looks before it creates).
 */
export function vendorWriteWith(refusalOrUnknown: (error: unknown, what: string) => unknown) {
  return async <T>(what: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      throw refusalOrUnknown(error, what);
    }
  };
}

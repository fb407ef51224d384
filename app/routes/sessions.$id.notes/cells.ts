/** The form field of one mark: `m.<candidate row id>.<grid test id>`. */
export const cellName = (candidateId: number, testId: number) => `m.${candidateId}.${testId}`;

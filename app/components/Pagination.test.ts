import { describe, expect, it } from "vitest";
import { pageNumbers } from "./Pagination";

describe("pageNumbers", () => {
  it.each([
    [5, 548, [1, null, 4, 5, 6, null, 548]],
    [1, 548, [1, 2, null, 548]],
    [548, 548, [1, null, 547, 548]],
    [3, 548, [1, 2, 3, 4, null, 548]],
    [1, 3, [1, 2, 3]],
    [2, 2, [1, 2]],
    [4, 7, [1, 2, 3, 4, 5, 6, 7]],
  ])("page %i of %i", (page, count, expected) => {
    expect(pageNumbers(page, count)).toEqual(expected);
  });
});

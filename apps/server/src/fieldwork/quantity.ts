/** Quantities are kept to the millilitre: sums of litres must not drift into 0.30000000000000004. Precondition: finite x. */
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

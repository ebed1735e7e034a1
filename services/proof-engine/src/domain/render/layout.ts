/**
 * Page geometry for a US Letter sheet tri-folded into a standard #10 double-window envelope, in PDF
 * points (1/72 in) from the page's top-left corner (PDF itself measures from the bottom-left).
 * The windows are the common #10 double-window positions (return window top-left, recipient window
 * below it); what is printed inside them must stay clear of the window edges by 1/8 in.
 */
export const INCH = 72;
export const PAGE = { width: 8.5 * INCH, height: 11 * INCH };
export const MARGIN = { left: 0.75 * INCH, right: 0.75 * INCH, top: 0.75 * INCH, bottom: 0.75 * INCH };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const RETURN_WINDOW: Rect = { x: 0.5 * INCH, y: 0.5 * INCH, width: 3.25 * INCH, height: 0.875 * INCH };
export const RECIPIENT_WINDOW: Rect = { x: 0.75 * INCH, y: 2.0 * INCH, width: 4.0 * INCH, height: 1.125 * INCH };
/** Clearance kept inside each window. */
export const WINDOW_PADDING = 0.125 * INCH;
/** Where the letter text starts on page 1 (below the recipient window and the fold). */
export const BODY_TOP_FIRST = 3.6 * INCH;

export const BODY = { fontSize: 11, leading: 15, paragraphGap: 8 };
export const ADDRESS = { fontSize: 10, leading: 12, minFontSize: 7 };

/** PDF y (from the bottom) of a distance from the top. */
export const pdfY = (fromTop: number) => PAGE.height - fromTop;

export function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

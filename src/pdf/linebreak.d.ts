/** linebreak (pdfkit's own line breaker, UAX #14) ships no types: the part used here. */
declare module 'linebreak' {
  export interface LineBreak {
    /** The break falls before this UTF-16 offset. */
    position: number;
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): LineBreak | null;
  }
}

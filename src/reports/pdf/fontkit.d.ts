/** The part of fontkit (pdfkit's font engine, shipped without types) this module uses. */
declare module 'fontkit' {
  export interface FontkitFont {
    readonly postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): FontkitFont;
}

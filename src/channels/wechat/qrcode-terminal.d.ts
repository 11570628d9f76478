/** qrcode-terminal ships no types; this is the one call used (see qrTerminal.ts). */
declare module 'qrcode-terminal' {
  const qrcodeTerminal: {
    generate(text: string, options: { small?: boolean }, callback: (art: string) => void): void;
  };
  export default qrcodeTerminal;
}

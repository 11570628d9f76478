import qrcodeTerminal from 'qrcode-terminal';

/**
 * Prints the login QR code for whoever started the service. It goes to stderr so stdout stays
 * clean JSON log lines. The raw value is deliberately not turned into a link to an online QR
 * image service: whoever scans that code controls the account.
 */
export function printQrToTerminal(value: string): void {
  qrcodeTerminal.generate(value, { small: true }, (art: string) => {
    process.stderr.write(`\nWeChat login: scan this QR code with the service account's phone\n${art}\n`);
  });
}

/**
 * The WeChat login QR code as an SVG path, drawn with the QR generator that ships inside
 * qrcode-terminal (already a dependency of the service for the terminal login code: Kazuhiko
 * Arase's MIT-licensed generator), so the page needs no new library and no network.
 */

import QRCode from 'qrcode-terminal/vendor/QRCode';
import QRErrorCorrectLevel from 'qrcode-terminal/vendor/QRCode/QRErrorCorrectLevel';

export interface QrPath {
  size: number;
  /** One `M x y h1 v1 h-1 z` square per dark module. */
  d: string;
}

export function qrPath(value: string): QrPath | undefined {
  try {
    const qr = new QRCode(-1, QRErrorCorrectLevel.M);
    qr.addData(value);
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col} ${row}h1v1h-1z`;
    }
    return { size: n, d };
  } catch {
    return undefined;
  }
}

import { sniffLogo } from './logo-image';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16, 1)]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(12, 2)]);
const svg = (body: string) => Buffer.from(`<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`);

describe('sniffLogo', () => {
  it('knows PNG, WebP and plain SVG by their bytes', () => {
    expect(sniffLogo(png)).toEqual({ format: 'png' });
    expect(sniffLogo(webp)).toEqual({ format: 'webp' });
    expect(sniffLogo(svg('<rect width="10" height="10" fill="url(#g)" style="fill:#a00"/><defs><linearGradient id="g"/></defs>'))).toEqual({ format: 'svg' });
  });

  it('refuses what is not one of them, whatever it claims to be', () => {
    for (const bytes of [Buffer.from('GIF89a....'), Buffer.from('<html><body>hi</body></html>'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(0), Buffer.from('RIFF\0\0\0\0WAVE')]) {
      expect(sniffLogo(bytes)).toMatchObject({ refused: 'unsupported' });
    }
  });

  it('refuses SVGs that could run, load or link anything', () => {
    const unsafe = [
      '<script>alert(1)</script>',
      '<rect onload="alert(1)"/>',
      '<foreignObject><div/></foreignObject>',
      '<image href="https://tracker.example/p.png"/>',
      '<a xlink:href="javascript:alert(1)"><rect/></a>',
      '<use href="https://evil.example/x.svg#a"/>',
      '<rect style="fill:url(https://evil.example/x)"/>',
      '<style>@import "https://evil.example/x.css";</style>',
      '<set attributeName="href" to="javascript:alert(1)"/>',
      '<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>',
      '<rect xlink:onclick="alert(1)"/>',
      '<animateTransform attributeName="transform" type="rotate"/>',
    ];
    for (const body of unsafe) expect(sniffLogo(svg(body))).toMatchObject({ refused: 'unsafe-svg' });
    expect(sniffLogo(Buffer.from('<!DOCTYPE svg [<!ENTITY x "y">]><svg/>'))).toMatchObject({ refused: 'unsupported' });
    expect(sniffLogo(Buffer.from('<svg><!DOCTYPE x></svg>'))).toMatchObject({ refused: 'unsafe-svg' });
  });
});

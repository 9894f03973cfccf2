/** The logo formats Tally stores and serves: raster PNG and WebP, and SVG without active content. */
export type LogoFormat = 'png' | 'webp' | 'svg';

export const LOGO_CONTENT_TYPES: Record<LogoFormat, string> = { png: 'image/png', webp: 'image/webp', svg: 'image/svg+xml' };

export type LogoSniff = { format: LogoFormat } | { refused: 'unsupported' | 'unsafe-svg'; reason: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What the bytes are, whatever the request's Content-Type says (a browser or a CDN trusting a
 * declared type is how an HTML page gets served as an "image"): PNG by its signature, WebP by its
 * RIFF/WEBP header, SVG by parsing its start as XML text whose root element is `svg`. Anything
 * else is refused.
 */
export function sniffLogo(bytes: Buffer): LogoSniff {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return { format: 'png' };
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return { format: 'webp' };
  const text = svgText(bytes);
  if (text === null) return { refused: 'unsupported', reason: 'the logo must be a PNG, WebP or SVG image' };
  const unsafe = unsafeSvgReason(text);
  return unsafe ? { refused: 'unsafe-svg', reason: unsafe } : { format: 'svg' };
}

/** The SVG's text when the bytes are UTF-8 whose first element (after an XML declaration and comments) is `<svg`; otherwise null. */
function svgText(bytes: Buffer): string | null {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD') || text.includes('\u0000')) return null;
  const prologue = /^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/.exec(text)?.[0] ?? '';
  return /^<svg[\s>]/.test(text.slice(prologue.length)) ? text : null;
}

/**
 * Why an SVG may not be served, or null. An SVG opened as a document runs scripts and loads what
 * it references on the asset's origin (the API's), so anything that can act or fetch is refused
 * rather than cleaned: a refusal is easy to explain and leaves no parser differential to exploit.
 */
export function unsafeSvgReason(svg: string): string | null {
  const rules: [RegExp, string][] = [
    [/<!DOCTYPE|<!ENTITY/i, 'a DOCTYPE or entity declaration'],
    // Element names with or without a namespace prefix (`<svg:script>` is a script too).
    [/<\s*(?:[\w.-]+:)?script\b/i, 'a script element'],
    [/<\s*(?:[\w.-]+:)?foreignObject\b/i, 'a foreignObject element'],
    [/<\s*(?:[\w.-]+:)?(iframe|embed|object|audio|video|image|use|a|animate\w*|set|handler|listener)\b/i, 'an element that loads, links or animates content'],
    [/[\s"':]on[a-z]+\s*=/i, 'an event handler attribute'],
    [/(?:xlink:)?href\s*=\s*["']?\s*(?!#)/i, 'a link or reference outside the image'],
    [/url\(\s*["']?\s*(?!#)/i, 'a url() outside the image'],
    [/@import|javascript:|data:/i, 'an import, javascript: or data: reference'],
  ];
  const found = rules.find(([pattern]) => pattern.test(svg));
  return found ? `the SVG contains ${found[1]}` : null;
}

import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';

/** Runs in a child Node process: pdf.js is an ES module that jest's CommonJS runtime cannot load. */
const EXTRACT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), standardFontDataUrl: process.env.FONTS, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= document.numPages; number++) {
  const content = await (await document.getPage(number)).getTextContent();
  pages.push(content.items.map((item) => item.str ?? '').filter((text) => text.trim() !== '').join(' '));
}
await document.destroy();
process.stdout.write(JSON.stringify(pages));
`;

/**
 * The text of every page of a PDF, read back with Mozilla's pdf.js (pdfjs-dist): what a reader
 * would see, one string per page, the text runs joined with single spaces.
 */
export function pdfText(pdf: Buffer): Promise<string[]> {
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', EXTRACT],
      { cwd: join(root, '..', '..'), env: { ...process.env, FONTS: join(root, 'standard_fonts/') }, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`pdf.js could not read the PDF: ${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as string[])),
    );
    child.stdin?.end(pdf);
  });
}

import { describe, expect, it } from 'vitest';
import { csvField, spreadsheetText } from './csv.js';

describe('CSV fields', () => {
  it('quotes fields with quotes, commas and line breaks, and leaves the rest alone', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('keeps a spreadsheet from running free text as a formula', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(spreadsheetText(formula)).toBe(`'${formula}`);
    expect(spreadsheetText('order-1')).toBe('order-1');
  });
});

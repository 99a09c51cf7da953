// CSV fields for the files people open in a spreadsheet (statements, bills): quoted when they
// hold a quote, comma or line break (RFC 4180), and free text that a spreadsheet would run as a
// formula (=, +, -, @, tab, CR first) prefixed with an apostrophe (CSV injection).

/** A free-text field that a spreadsheet must not run as a formula. */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One field of a CSV line. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

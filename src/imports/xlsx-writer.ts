import ExcelJS from 'exceljs';

export type ExportCell = string | number | null;

/**
 * A plain sheet: bold frozen header, text-formatted cells so ID numbers stay text when reopened.
 * Footer lines (e.g. the audit anchor of a 公示) follow the rows after one blank row.
 */
export async function writeXlsx(
  sheetName: string,
  headers: string[],
  rows: ExportCell[][],
  footer: string[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Anju';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((header) => ({
    header,
    width: Math.max(10, header.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  if (footer.length > 0) sheet.addRow([]);
  for (const line of footer) sheet.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import type { TableCell } from 'pdfmake/interfaces'
import type { Reader } from '../db/connection'
import { getSiteRow } from '../site/service'

/** The site's name, office, time zone and service phone, as every printed reception form heads itself. */
export async function printSite(r: Reader) {
  const site = (await getSiteRow(r))!
  const settings = JSON.parse(site.settings || '{}') as { phone?: string }
  return { name: site.name, office: site.office, timeZone: site.timeZone, phone: settings.phone }
}

/** A signature box with the drawn signature when there is one and room to sign by hand. */
export function signatureCell(title: string, who: string, drawn: string | null, stamp: string | null): TableCell {
  return {
    stack: [
      { text: [{ text: `${title}:`, bold: true }, who], fontSize: 9.5 },
      drawn ? { image: drawn, fit: [150, 40] as [number, number], margin: [0, 2, 0, 0] } : { text: ' ', margin: [0, 0, 0, 26] },
      { text: stamp ? `签字时间:${stamp}` : '日期:        年    月    日', fontSize: 8.5, color: '#555555', preserveLeadingSpaces: true },
    ],
  }
}

// Reads a ZIP the way an unzip program does: from the central directory at the end, checking each
// entry's CRC-32. Written independently of app/lib/zip-stream.server.ts, so a bug there shows here.
import zlib from 'node:zlib'

export interface UnzippedEntry {
  name: string
  size: number
  compressedSize: number
  method: number
  read(): Buffer
}

export function listZip(zip: Buffer): UnzippedEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (eocd < 0) throw new Error('Not a ZIP file: no end of central directory record')
  const count = zip.readUInt16LE(eocd + 10)
  let at = zip.readUInt32LE(eocd + 16)
  const entries: UnzippedEntry[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`Bad central directory header at ${at}`)
    const method = zip.readUInt16LE(at + 10)
    const crc = zip.readUInt32LE(at + 16)
    const compressedSize = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const localOffset = zip.readUInt32LE(at + 42)
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    at += 46 + nameLength + extraLength + commentLength
    entries.push({
      name,
      size,
      compressedSize,
      method,
      read() {
        if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`Bad local header for ${name}`)
        const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28)
        const raw = zip.subarray(dataStart, dataStart + compressedSize)
        const data = method === 8 ? zlib.inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null
        if (!data) throw new Error(`Unsupported compression method ${method} for ${name}`)
        if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the directory says ${size}`)
        if (zlib.crc32(data) !== crc) throw new Error(`${name}: CRC-32 mismatch`)
        return data
      },
    })
  }
  return entries
}

/** Every entry's content as text, by name. */
export function unzipText(zip: Buffer): Map<string, string> {
  return new Map(listZip(zip).map((e) => [e.name, e.read().toString('utf8')]))
}

/** RFC 4180 CSV into rows of cells (quoted cells, doubled quotes, CRLF inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
